/**
 * `scp-ske clusters list` and `scp-ske clusters show`. Each answer is checked before it is printed
 * (cluster-answers.ts), and every value from it is shown as one line of text, control characters
 * visible (table cells and summary lines alike).
 */
import { resolveCluster } from '@scp-ske/client';
import { type ClusterList, clusterList, clusterShown, shown } from '../cluster-answers.js';
import { type Client, connect } from '../connection.js';
import { helpText } from '../help.js';
import { OUTPUT_OPTIONS, outputFormat, printData } from '../output.js';
import { table } from '../text-table.js';
import { CONNECTION_OPTIONS, parseCommand, parseFlags, UsageError, wholeNumber } from '../usage.js';
import { type Io, LOOKUP } from './kubeconfig.js';

type ListInput = NonNullable<Parameters<Client['listClusters']>[0]>;

/** A repeated flag's values, each of which may also be a comma-separated list: the values (an array of one for one), or none. */
function oneOrMany(values: string[] | undefined, flag: string): string[] | undefined {
  const all = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  if (all.some((value) => value === '')) throw new UsageError(`${flag}: expected a value, received an empty one`);
  return all.length === 0 ? undefined : all;
}

/**
 * Every cluster `listClusters` matches, over as many pages as the service answers in (the client's
 * paginator), as one list answer: the clusters and their count. Each is checked (cluster-answers.ts).
 */
async function everyCluster(client: Client, input: ListInput): Promise<ClusterList> {
  const clusters: unknown[] = [];
  for await (const cluster of client.paginate.listClusters(input)) clusters.push(cluster);
  return clusterList({ clusters, count: clusters.length });
}

const LIST_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...OUTPUT_OPTIONS,
  name: { type: 'string' },
  status: { type: 'string', multiple: true },
  'kubernetes-version': { type: 'string', multiple: true },
  page: { type: 'string' },
  size: { type: 'string' },
} as const;

export async function listCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, LIST_OPTIONS);
  if (flags.help) {
    io.stdout(helpText('list'));
    return 0;
  }
  const format = outputFormat(flags);
  const page = wholeNumber(flags.page, '--page');
  const size = wholeNumber(flags.size, '--size');
  const input = {
    ...(flags.name !== undefined && { name: flags.name }),
    ...(flags.status !== undefined && { status: oneOrMany(flags.status, '--status') }),
    ...(flags['kubernetes-version'] !== undefined && {
      kubernetesVersion: oneOrMany(flags['kubernetes-version'], '--kubernetes-version'),
    }),
    ...(page !== undefined && { page }),
    ...(size !== undefined && { size }),
  };
  const { client } = await connect(flags, io);
  // Without --page or --size: every cluster, over as many pages as the service answers in.
  const paged = page !== undefined || size !== undefined;
  const data = paged ? clusterList((await client.listClusters(input)).data) : await everyCluster(client, input);
  if (format !== 'table') {
    await printData(io, format, data, () => '');
    return 0;
  }
  const { clusters, count } = data;
  if (clusters.length === 0) {
    io.stderr(
      typeof count === 'number' && count > 0 ? `No clusters on this page (${count} in all).\n` : 'No clusters found.\n',
    );
    // The service compares states exactly, and SCP writes them in upper case.
    const states = [input.status ?? []].flat();
    if (states.some((state) => state !== state.toUpperCase())) {
      io.stderr(`SCP writes cluster states in upper case: --status ${states.join(',').toUpperCase()}?\n`);
    }
    return 0;
  }
  io.stdout(
    table([
      ['NAME', 'ID', 'STATUS', 'VERSION', 'NODES'],
      ...clusters.map((cluster) => [
        shown(cluster.name),
        shown(cluster.id),
        shown(cluster.status),
        shown(cluster.kubernetes_version),
        shown(cluster.node_count),
      ]),
    ]),
  );
  if (typeof count === 'number' && count > clusters.length) {
    io.stderr(`Showing ${clusters.length} of ${count} clusters (--page and --size choose the page).\n`);
  }
  return 0;
}

/** A linked resource (VPC, subnet, …) as `name (id)`; `-` when there is none. */
function resource(value: unknown): string {
  if (value === null || typeof value !== 'object') return shown(value);
  const { name, id } = value as { name?: unknown; id?: unknown };
  return `${shown(name)} (${shown(id)})`;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const downloadable = (yn: unknown, type: string) =>
  yn === 'Y' ? `downloadable (--type ${type})` : `not downloadable (${type}_kubeconfig_download_yn: ${shown(yn)})`;

export async function showCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommand(argv, { ...CONNECTION_OPTIONS, ...OUTPUT_OPTIONS });
  if (flags.help) {
    io.stdout(helpText('show'));
    return 0;
  }
  const format = outputFormat(flags);
  const [value, ...extra] = positionals;
  if (value === undefined || value === '') throw new UsageError('clusters show: expected a cluster id or name');
  if (extra.length > 0) {
    throw new UsageError(`clusters show: expected one cluster id or name, received ${positionals.length} arguments`);
  }
  const { client } = await connect(flags, io);
  const { id } = await resolveCluster(client, value, {
    how: '`scp-ske clusters show`',
    listWith: LOOKUP.listWith,
  });
  const data = clusterShown((await client.showCluster({ clusterId: id })).data);
  if (format !== 'table') {
    await printData(io, format, data, () => '');
    return 0;
  }
  const { cluster } = data;
  const nodes =
    cluster.node_count == null
      ? '-'
      : `${shown(cluster.node_count)}${cluster.max_node_count == null ? '' : ` (max ${shown(cluster.max_node_count)})`}`;
  const access = list(cluster.private_endpoint_access_control_resources);
  const accessEntry = (entry: unknown) => {
    const { name, type, id } = (entry ?? {}) as { name?: unknown; type?: unknown; id?: unknown };
    return `${shown(name)} (${shown(type)}, ${shown(id)})`;
  };
  const rows: [string, string][] = [
    ['Name', shown(cluster.name)],
    ['ID', shown(cluster.id)],
    ['Status', shown(cluster.status)],
    ['Kubernetes version', shown(cluster.kubernetes_version)],
    ['Nodes', nodes],
    ['Namespace', shown(cluster.cluster_namespace)],
    ['Private endpoint', shown(cluster.private_endpoint_url)],
    ['Public endpoint', shown(cluster.public_endpoint_url ?? 'none')],
    ['Private kubeconfig', downloadable(cluster.private_kubeconfig_download_yn, 'private')],
    ['Public kubeconfig', downloadable(cluster.public_kubeconfig_download_yn, 'public')],
    ...(cluster.public_endpoint_access_control_ip
      ? [['Public access from', shown(cluster.public_endpoint_access_control_ip)] as [string, string]]
      : []),
    ...(access.length > 0 ? [['Private access from', access.map(accessEntry).join(', ')] as [string, string]] : []),
    ['VPC', resource(cluster.vpc)],
    ['Subnet', resource(cluster.subnet)],
    ['Security groups', list(cluster.security_group_list).map(resource).join(', ') || '-'],
    ['Volume', resource(cluster.volume)],
    ['Cloud logging', cluster.cloud_logging_enabled ? 'enabled' : 'disabled'],
    ['Account', shown(cluster.account_id)],
    ['Created', `${shown(cluster.created_at)} by ${shown(cluster.created_by)}`],
    ['Modified', `${shown(cluster.modified_at)} by ${shown(cluster.modified_by)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  io.stdout(rows.map(([label, text]) => `${`${label}:`.padEnd(width)}  ${text}\n`).join(''));
  return 0;
}
