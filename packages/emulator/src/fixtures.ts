/**
 * The emulator's fixture clusters (with their nodepools) and the credentials it accepts: built-in
 * demo defaults, or a JSON file (`--fixtures`), checked field by field with errors that name the
 * field. Every cluster field beyond id, name, endpoints and access keys is optional (see
 * complete-cluster.ts and state/seed.ts for the defaults). Fixtures seed the emulator's store; the
 * operations change it from there.
 */
import { DATE_TIME } from './ajv.js';

export interface EmulatorCredentials {
  accessKey: string;
  secretKey: string;
  accountId?: string;
  /**
   * The IAM actions this key may use (`x-scp-action-id` of an operation, e.g. `ske:ListClusters`);
   * any other operation answers 403 `Forbidden`. Absent: every action.
   */
  actions?: string[];
}

/** A resource of another SCP service the cluster uses (`ExternalResource` in the spec). */
export interface ExternalResource {
  id: string;
  name: string;
}

/** A resource allowed to reach the cluster's private endpoint (`AccessControlResource` in the spec). */
export interface AccessControlResource {
  id: string;
  name: string;
  type: string;
}

/** A Kubernetes label or taint of a nodepool's nodes (`NodepoolLabel`, `NodepoolTaint` in the spec). */
export interface NodepoolLabel {
  key: string;
  value?: string;
}

export interface NodepoolTaint extends NodepoolLabel {
  effect?: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

export interface NodepoolFixture {
  /** Default: a UUID derived from the cluster's id and the nodepool's name (the same on every run). */
  id?: string;
  name: string;
  /** Its nodes (desired and current). Default 1. */
  nodeCount?: number;
  /** Default `Running`. */
  status?: string;
  /** Default: the cluster's. */
  kubernetesVersion?: string;
  /** Default []. */
  labels?: NodepoolLabel[];
  /** Default []. */
  taints?: NodepoolTaint[];
}

export interface ClusterFixture {
  /** 32 lower-case hex digits, as SCP's cluster ids. */
  id: string;
  /** Names the kubeconfig's cluster, user and context. */
  name: string;
  /** API server URLs; a cluster without `public` answers `kubeconfig_type=public` with 400. */
  endpoints: { private: string; public?: string | null };
  /** Access keys allowed to see this cluster (list, show, kubeconfigs); others get 403. */
  accessKeys: string[];
  /** Default `RUNNING`. */
  status?: string;
  /** Default `v1.29.8`. */
  kubernetesVersion?: string;
  /** The owning account. Default `6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b`. */
  accountId?: string;
  /** Default `<name>-<first 5 digits of the id>`. */
  clusterNamespace?: string;
  /** Default false. */
  cloudLoggingEnabled?: boolean;
  /** Sending its logs to ServiceWatch (shown from ske 1.1). Default false. */
  serviceWatchLoggingEnabled?: boolean;
  /** Default 3. */
  nodeCount?: number | null;
  /** Default 10, or `nodeCount` when that is more. */
  maxNodeCount?: number | null;
  /** RFC 3339 (a space for `T` allowed; answers always carry the `T` form). Default `2025-03-31T00:23:17Z`. */
  createdAt?: string;
  /** Default `createdAt`. */
  modifiedAt?: string;
  /** A user id. Default `8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39`. */
  createdBy?: string;
  /** Default `createdBy`. */
  modifiedBy?: string;
  /** Default: an id derived from the cluster id, named `<name>-subnet` (likewise `-vpc`, `-volume`, `-sg`). */
  subnet?: Partial<ExternalResource>;
  vpc?: Partial<ExternalResource>;
  volume?: Partial<ExternalResource>;
  /** The managed security group, also the cluster's one-entry `security_group_list`. */
  securityGroup?: Partial<ExternalResource>;
  /** Default null. */
  publicEndpointAccessControlIp?: string | null;
  /** Default []. */
  privateEndpointAccessControlResources?: AccessControlResource[] | null;
  /**
   * Default: a RUNNING cluster with nodes has one nodepool, `default-pool`, of `nodeCount` nodes; any
   * other cluster none.
   */
  nodepools?: NodepoolFixture[];
}

export interface Fixtures {
  clusters: ClusterFixture[];
  credentials: EmulatorCredentials[];
}

/**
 * The IAM actions of every operation that only reads (`x-scp-access-level` READ or LIST), the read-only
 * demo key's (a test checks them against the spec). The admin kubeconfig's is not one (it is CREATE).
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
  'ske:ListClusters',
  'ske:ShowCluster',
  'ske:ShowClusterUserKubeconfig',
  'ske:ListKubernetesVersions',
  'ske:ListNodepools',
  'ske:ShowNodepool',
  'ske:ListNodepoolNodes',
];

/** Demo keys the emulator accepts by default. Not secrets: they open nothing but this emulator. */
export const DEMO_CREDENTIALS: readonly EmulatorCredentials[] = [
  /** Every action. */
  { accessKey: 'SKEDEMOACCESSKEY0001', secretKey: 'ske-emulator-demo-secret-0001' },
  /** Read-only: the actions of the operations that only read (not the admin kubeconfig's). */
  {
    accessKey: 'SKEDEMOACCESSKEY0002',
    secretKey: 'ske-emulator-demo-secret-0002',
    actions: [...READ_ONLY_ACTIONS],
  },
];

const endpoint = (id: string, type: 'private' | 'public') =>
  `https://${id}.ske.${type}.kr-west1.samsungsdscloud.com:6443`;

export const DEFAULT_CLUSTERS: readonly ClusterFixture[] = [
  {
    id: '70a599e031e749b7b260868f441e862b',
    name: 'demo-cluster',
    endpoints: {
      private: endpoint('70a599e031e749b7b260868f441e862b', 'private'),
      public: endpoint('70a599e031e749b7b260868f441e862b', 'public'),
    },
    accessKeys: ['SKEDEMOACCESSKEY0001', 'SKEDEMOACCESSKEY0002'],
    status: 'RUNNING',
    kubernetesVersion: 'v1.29.8',
    nodepools: [
      // The spec's example nodepool id.
      { id: 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79', name: 'default-pool', nodeCount: 2 },
      {
        name: 'gpu-pool',
        nodeCount: 1,
        labels: [{ key: 'example.com/accelerator', value: 'gpu' }],
        taints: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }],
      },
    ],
  },
  {
    id: '1b2c3d4e5f60718293a4b5c6d7e8f901',
    name: 'private-only-cluster',
    endpoints: { private: endpoint('1b2c3d4e5f60718293a4b5c6d7e8f901', 'private'), public: null },
    accessKeys: ['SKEDEMOACCESSKEY0001'],
    status: 'RUNNING',
    kubernetesVersion: 'v1.30.4',
  },
  {
    id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
    name: 'restricted-cluster',
    endpoints: {
      private: endpoint('c0ffee00c0ffee00c0ffee00c0ffee00', 'private'),
      public: endpoint('c0ffee00c0ffee00c0ffee00c0ffee00', 'public'),
    },
    accessKeys: ['SKEDEMOACCESSKEY0002'],
    status: 'CREATING',
    kubernetesVersion: 'v1.29.8',
  },
];

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

const CLUSTER_ID = /^[0-9a-f]{32}$/;
const NODEPOOL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAINT_EFFECTS = ['NoSchedule', 'NoExecute', 'PreferNoSchedule'] as const;
const NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;
const KUBERNETES_VERSION = /^v\d+\.\d+\.\d+$/;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

type Entry = Record<string, unknown>;

function text(value: unknown, field: string, pattern?: RegExp, expected?: string): string {
  if (typeof value !== 'string' || value === '' || (pattern && !pattern.test(value))) {
    throw new FixtureError(`${field}: expected ${expected ?? 'a non-empty string'}`);
  }
  return value;
}

function url(value: unknown, field: string): string {
  return text(value, field, /^https?:\/\/\S+$/, 'an http(s) URL');
}

function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new FixtureError(`${field}: expected an array`);
  return value;
}

function asObject(value: unknown, field: string): Entry {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new FixtureError(`${field}: expected an object`);
  return value as Entry;
}

/** The checked value of an optional field, or nothing when it is absent. */
function optional<T>(entry: Entry, key: string, field: string, check: (value: unknown, field: string) => T) {
  return entry[key] === undefined ? {} : { [key]: check(entry[key], `${field}.${key}`) };
}

function wholeOrNull(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new FixtureError(`${field}: expected a whole number ≥ 0`);
  return value;
}

function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new FixtureError(`${field}: expected true or false`);
  return value;
}

function timestamp(value: unknown, field: string): string {
  return text(value, field, DATE_TIME, 'an RFC 3339 date and time such as 2025-03-31 00:23:17+00:00');
}

function resource(value: unknown, field: string): Partial<ExternalResource> {
  const entry = asObject(value, field);
  return { ...optional(entry, 'id', field, text), ...optional(entry, 'name', field, text) };
}

function accessControlResources(value: unknown, field: string): AccessControlResource[] | null {
  if (value === null) return null;
  return asArray(value, field).map((item, index) => {
    const entry = asObject(item, `${field}[${index}]`);
    return {
      id: text(entry.id, `${field}[${index}].id`),
      name: text(entry.name, `${field}[${index}].name`),
      type: text(entry.type, `${field}[${index}].type`),
    };
  });
}

function whole(value: unknown, field: string): number {
  const checked = wholeOrNull(value, field);
  if (checked === null) throw new FixtureError(`${field}: expected a whole number ≥ 0`);
  return checked;
}

function label(item: unknown, field: string): NodepoolLabel {
  const entry = asObject(item, field);
  return { key: text(entry.key, `${field}.key`), ...optional(entry, 'value', field, textOrEmpty) };
}

function textOrEmpty(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new FixtureError(`${field}: expected a string`);
  return value;
}

function taint(item: unknown, field: string): NodepoolTaint {
  const { effect } = asObject(item, field);
  if (effect !== undefined && !TAINT_EFFECTS.includes(effect as never)) {
    throw new FixtureError(`${field}.effect: expected one of ${TAINT_EFFECTS.join(', ')}`);
  }
  return { ...label(item, field), ...(effect !== undefined && { effect: effect as NodepoolTaint['effect'] }) };
}

const listOf =
  <T>(parse: (item: unknown, field: string) => T) =>
  (value: unknown, field: string): T[] =>
    asArray(value, field).map((item, index) => parse(item, `${field}[${index}]`));

function parseNodepool(item: unknown, field: string): NodepoolFixture {
  const entry = asObject(item, field);
  return {
    ...optional(entry, 'id', field, (value, name) => text(value, name, NODEPOOL_ID, 'a UUID')),
    name: text(entry.name, `${field}.name`, NAME, 'a DNS-style name (a-z, 0-9, "-", ".")'),
    ...optional(entry, 'nodeCount', field, whole),
    ...optional(entry, 'status', field, text),
    ...optional(entry, 'kubernetesVersion', field, (value, name) =>
      text(value, name, KUBERNETES_VERSION, 'a version such as v1.29.8'),
    ),
    ...optional(entry, 'labels', field, listOf(label)),
    ...optional(entry, 'taints', field, listOf(taint)),
  };
}

function parseCredentials(item: unknown, index: number): EmulatorCredentials {
  const field = `credentials[${index}]`;
  const entry = asObject(item, field);
  return {
    accessKey: text(entry.accessKey, `${field}.accessKey`),
    secretKey: text(entry.secretKey, `${field}.secretKey`),
    ...optional(entry, 'accountId', field, text),
    ...optional(entry, 'actions', field, (value, name) =>
      asArray(value, name).map((action, actionIndex) =>
        text(action, `${name}[${actionIndex}]`, ACTION, 'an IAM action such as ske:ListClusters'),
      ),
    ),
  };
}

function parseCluster(item: unknown, index: number): ClusterFixture {
  const field = `clusters[${index}]`;
  const entry = asObject(item, field);
  const endpoints = asObject(entry.endpoints, `${field}.endpoints`);
  const cluster: ClusterFixture = {
    id: text(entry.id, `${field}.id`, CLUSTER_ID, '32 lower-case hex digits'),
    name: text(entry.name, `${field}.name`, NAME, 'a DNS-style name (a-z, 0-9, "-", ".")'),
    endpoints: {
      private: url(endpoints.private, `${field}.endpoints.private`),
      public: endpoints.public == null ? null : url(endpoints.public, `${field}.endpoints.public`),
    },
    accessKeys: asArray(entry.accessKeys, `${field}.accessKeys`).map((key, keyIndex) =>
      text(key, `${field}.accessKeys[${keyIndex}]`),
    ),
    ...optional(entry, 'status', field, text),
    ...optional(entry, 'kubernetesVersion', field, (value, name) =>
      text(value, name, KUBERNETES_VERSION, 'a version such as v1.29.8'),
    ),
    ...optional(entry, 'accountId', field, text),
    ...optional(entry, 'clusterNamespace', field, text),
    ...optional(entry, 'cloudLoggingEnabled', field, flag),
    ...optional(entry, 'serviceWatchLoggingEnabled', field, flag),
    ...optional(entry, 'nodeCount', field, wholeOrNull),
    ...optional(entry, 'maxNodeCount', field, wholeOrNull),
    ...optional(entry, 'createdAt', field, timestamp),
    ...optional(entry, 'modifiedAt', field, timestamp),
    ...optional(entry, 'createdBy', field, text),
    ...optional(entry, 'modifiedBy', field, text),
    ...optional(entry, 'subnet', field, resource),
    ...optional(entry, 'vpc', field, resource),
    ...optional(entry, 'volume', field, resource),
    ...optional(entry, 'securityGroup', field, resource),
    ...optional(entry, 'publicEndpointAccessControlIp', field, (value, name) =>
      value === null ? null : text(value, name),
    ),
    ...optional(entry, 'privateEndpointAccessControlResources', field, accessControlResources),
    ...optional(entry, 'nodepools', field, listOf(parseNodepool)),
  };
  const { nodeCount, maxNodeCount } = cluster;
  if (typeof nodeCount === 'number' && typeof maxNodeCount === 'number' && nodeCount > maxNodeCount) {
    throw new FixtureError(`${field}.nodeCount: expected at most maxNodeCount (${maxNodeCount})`);
  }
  return cluster;
}

/** Checks a fixtures document (the `--fixtures` JSON); missing sections fall back to the defaults. */
export function parseFixtures(data: unknown): Fixtures {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new FixtureError('fixtures: expected a JSON object');
  const record = data as Entry;
  const credentials =
    record.credentials === undefined
      ? [...DEMO_CREDENTIALS]
      : asArray(record.credentials, 'credentials').map(parseCredentials);
  const clusters =
    record.clusters === undefined ? [...DEFAULT_CLUSTERS] : asArray(record.clusters, 'clusters').map(parseCluster);
  const ids = new Set<string>();
  for (const cluster of clusters) {
    if (ids.has(cluster.id)) throw new FixtureError(`clusters: the id ${cluster.id} appears twice`);
    ids.add(cluster.id);
    for (const nodepool of cluster.nodepools ?? []) {
      if (nodepool.id === undefined) continue;
      if (ids.has(nodepool.id)) throw new FixtureError(`clusters: the id ${nodepool.id} appears twice`);
      ids.add(nodepool.id);
    }
  }
  return { clusters, credentials };
}
