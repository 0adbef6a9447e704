/**
 * The resource commands (`clusters …`, `nodepools …`, `kubernetes-versions`) as data: which spec
 * operation each runs, what it names (a cluster or a nodepool, by name or id), the table it prints,
 * its help line and examples. Everything else comes from the spec of the chosen API version: the
 * request body's flags and checks, whether the operation exists in that version, whether it is
 * asynchronous (so takes `--wait`), which state it waits for. Plain data, nothing imported: main.ts,
 * the help and the completion scripts read it without loading any command. Adding a row adds a
 * command, its help, its completion and its place in the README's list.
 */

/** What a command names on its command line. */
export type Target = 'cluster' | 'nodepool';

export interface ResourceCommand {
  /** The spec's operationId. */
  readonly operation: string;
  /** One line for the group's help and the completion scripts. */
  readonly summary: string;
  /** The positional argument: a cluster or a nodepool by name or id. */
  readonly target?: Target;
  /** The operation's list of a cluster's items takes `--cluster NAME|ID` instead of a positional. */
  readonly inCluster?: boolean;
  /** A delete: asks for confirmation on a terminal, needs `--yes` elsewhere. */
  readonly confirm?: boolean;
  /** The table's columns for a list (`[heading, field path]`); a single resource prints as fields. */
  readonly columns?: readonly (readonly [string, string])[];
  /** Examples for the help, without the leading `scp-ske <group> <command>`. */
  readonly examples: readonly string[];
  /** Commands written by hand (list and show of clusters): the row feeds help and completion only. */
  readonly custom?: boolean;
}

const CLUSTER_COLUMNS = [
  ['NAME', 'name'],
  ['ID', 'id'],
  ['STATUS', 'status'],
  ['VERSION', 'kubernetes_version'],
  ['NODES', 'node_count'],
] as const;

const NODEPOOL_COLUMNS = [
  ['NAME', 'name'],
  ['ID', 'id'],
  ['STATUS', 'status'],
  ['VERSION', 'kubernetes_version'],
  ['NODES', 'current_node_count'],
  ['DESIRED', 'desired_node_count'],
] as const;

export const COMMAND_TABLE: Readonly<Record<string, Readonly<Record<string, ResourceCommand>>>> = {
  clusters: {
    list: {
      operation: 'listClusters',
      summary: 'a table of name, id, status, Kubernetes version and nodes',
      columns: CLUSTER_COLUMNS,
      examples: ['', '--status RUNNING --status ERROR --name prod', '--size 20 --page 1 --json'],
      custom: true,
    },
    show: {
      operation: 'showCluster',
      target: 'cluster',
      summary: 'one cluster: endpoints, whether each kubeconfig can be downloaded, network, nodes',
      examples: ['demo-cluster', '70a599e031e749b7b260868f441e862b --json'],
      custom: true,
    },
    create: {
      operation: 'createCluster',
      summary: 'create a cluster (body from flags and/or --from-file)',
      examples: [
        '--from-file cluster.yaml --wait',
        '--name web-1 --kubernetes-version v1.29.8 --vpc-id VPC --subnet-id SUBNET --volume-id VOLUME --security-group-id-list SG --no-cloud-logging-enabled --no-service-watch-logging-enabled --wait --timeout 30m',
      ],
    },
    delete: {
      operation: 'deleteCluster',
      target: 'cluster',
      confirm: true,
      summary: 'delete a cluster and its nodepools (asks first; --yes without a terminal)',
      examples: ['web-1', 'web-1 --yes --wait'],
    },
    upgrade: {
      operation: 'setClusterUpgrade',
      target: 'cluster',
      summary: "upgrade a cluster's Kubernetes version",
      examples: ['web-1 --kubernetes-version v1.30.4 --wait'],
    },
    'set-logging': {
      operation: 'setClusterLogging',
      target: 'cluster',
      summary: 'turn cloud logging of the control plane on or off',
      examples: ['web-1 --cloud-logging-enabled', 'web-1 --no-cloud-logging-enabled --wait'],
    },
    'set-service-watch-logging': {
      operation: 'setClusterServiceWatchLogging',
      target: 'cluster',
      summary: 'turn ServiceWatch logging on or off (ske 1.1 and later)',
      examples: ['web-1 --service-watch-logging-enabled --wait'],
    },
    'set-security-groups': {
      operation: 'setClusterSecurityGroups',
      target: 'cluster',
      summary: "replace a cluster's security groups",
      examples: ['web-1 --security-group-id-list SG1,SG2 --wait'],
    },
    'set-private-access': {
      operation: 'setClusterPrivateAccessControl',
      target: 'cluster',
      summary: 'the resources allowed to reach the private endpoint (from a file)',
      examples: ['web-1 --from-file private-access.yaml --wait'],
    },
    'set-public-access': {
      operation: 'setClusterPublicAccessControl',
      target: 'cluster',
      summary: 'the addresses allowed to reach the public endpoint',
      examples: ['web-1 --public-endpoint-access-control-ip 203.0.113.0/24 --wait'],
    },
  },
  nodepools: {
    list: {
      operation: 'listNodepools',
      inCluster: true,
      summary: "a cluster's nodepools: name, id, status, version, nodes",
      columns: NODEPOOL_COLUMNS,
      examples: ['--cluster web-1'],
    },
    show: {
      operation: 'showNodepool',
      target: 'nodepool',
      summary: 'one nodepool',
      examples: ['pool-a --cluster web-1', 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79 --output yaml'],
    },
    nodes: {
      operation: 'listNodepoolNodes',
      target: 'nodepool',
      summary: "a nodepool's nodes",
      columns: [
        ['NAME', 'name'],
        ['STATUS', 'status'],
        ['VERSION', 'kubernetes_version'],
      ],
      examples: ['pool-a --cluster web-1'],
    },
    create: {
      operation: 'createNodepool',
      summary: 'create a nodepool in a cluster (body from flags and/or --from-file)',
      examples: ['--cluster web-1 --from-file nodepool.yaml --wait'],
    },
    scale: {
      operation: 'setNodepool',
      target: 'nodepool',
      summary: "a nodepool's node counts and automation",
      examples: ['pool-a --cluster web-1 --desired-node-count 5 --wait'],
    },
    upgrade: {
      operation: 'setNodepoolUpgrade',
      target: 'nodepool',
      summary: "upgrade a nodepool to its cluster's Kubernetes version",
      examples: ['pool-a --cluster web-1 --wait'],
    },
    labels: {
      operation: 'setNodepoolLabels',
      target: 'nodepool',
      summary: "replace a nodepool's Kubernetes labels",
      examples: ['pool-a --cluster web-1 --labels team=web --labels tier=front'],
    },
    taints: {
      operation: 'setNodepoolTaints',
      target: 'nodepool',
      summary: "replace a nodepool's Kubernetes taints",
      examples: ['pool-a --cluster web-1 --taints dedicated=gpu:NoSchedule'],
    },
    delete: {
      operation: 'deleteNodepool',
      target: 'nodepool',
      confirm: true,
      summary: 'delete a nodepool (asks first; --yes without a terminal)',
      examples: ['pool-a --cluster web-1', 'pool-a --cluster web-1 --yes --wait'],
    },
  },
};

/** Commands of no group: `scp-ske kubernetes-versions`. */
export const SINGLE_COMMANDS: Readonly<Record<string, ResourceCommand>> = {
  'kubernetes-versions': {
    operation: 'listKubernetesVersions',
    summary: 'the Kubernetes versions SKE offers for new clusters and upgrades',
    columns: [
      ['VERSION', 'kubernetes_version'],
      ['DESCRIPTION', 'description'],
    ],
    examples: ['', '--output json'],
  },
};
