/**
 * The emulator's fixture clusters and the credentials it accepts: built-in demo defaults, or a
 * JSON file (`--fixtures`), checked field by field with errors that name the field.
 */

export interface EmulatorCredentials {
  accessKey: string;
  secretKey: string;
  accountId?: string;
}

export interface ClusterFixture {
  /** 32 lower-case hex digits, as SCP's cluster ids. */
  id: string;
  /** Names the kubeconfig's cluster, user and context. */
  name: string;
  /** API server URLs; a cluster without `public` answers `kubeconfig_type=public` with 400. */
  endpoints: { private: string; public?: string | null };
  /** Access keys allowed to read this cluster's kubeconfig; others get 403. */
  accessKeys: string[];
}

export interface Fixtures {
  clusters: ClusterFixture[];
  credentials: EmulatorCredentials[];
}

/** Demo keys the emulator accepts by default. Not secrets: they open nothing but this emulator. */
export const DEMO_CREDENTIALS: readonly EmulatorCredentials[] = [
  { accessKey: 'SKEDEMOACCESSKEY0001', secretKey: 'ske-emulator-demo-secret-0001' },
  { accessKey: 'SKEDEMOACCESSKEY0002', secretKey: 'ske-emulator-demo-secret-0002' },
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
  },
  {
    id: '1b2c3d4e5f60718293a4b5c6d7e8f901',
    name: 'private-only-cluster',
    endpoints: { private: endpoint('1b2c3d4e5f60718293a4b5c6d7e8f901', 'private'), public: null },
    accessKeys: ['SKEDEMOACCESSKEY0001'],
  },
  {
    id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
    name: 'restricted-cluster',
    endpoints: {
      private: endpoint('c0ffee00c0ffee00c0ffee00c0ffee00', 'private'),
      public: endpoint('c0ffee00c0ffee00c0ffee00c0ffee00', 'public'),
    },
    accessKeys: ['SKEDEMOACCESSKEY0002'],
  },
];

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

const CLUSTER_ID = /^[0-9a-f]{32}$/;
const NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

function text(value: unknown, field: string, pattern?: RegExp, expected?: string): string {
  if (typeof value !== 'string' || value === '' || (pattern && !pattern.test(value))) {
    throw new FixtureError(`${field}: expected ${expected ?? 'a non-empty string'}`);
  }
  return value;
}

function url(value: unknown, field: string): string {
  const checked = text(value, field, /^https?:\/\/\S+$/, 'an http(s) URL');
  return checked;
}

/** Checks a fixtures document (the `--fixtures` JSON); missing sections fall back to the defaults. */
export function parseFixtures(data: unknown): Fixtures {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new FixtureError('fixtures: expected a JSON object');
  const record = data as Record<string, unknown>;
  const credentials =
    record.credentials === undefined
      ? [...DEMO_CREDENTIALS]
      : asArray(record.credentials, 'credentials').map((item, index) => {
          const entry = asObject(item, `credentials[${index}]`);
          return {
            accessKey: text(entry.accessKey, `credentials[${index}].accessKey`),
            secretKey: text(entry.secretKey, `credentials[${index}].secretKey`),
            ...(entry.accountId !== undefined && {
              accountId: text(entry.accountId, `credentials[${index}].accountId`),
            }),
          };
        });
  const clusters =
    record.clusters === undefined
      ? [...DEFAULT_CLUSTERS]
      : asArray(record.clusters, 'clusters').map((item, index) => {
          const field = `clusters[${index}]`;
          const entry = asObject(item, field);
          const endpoints = asObject(entry.endpoints, `${field}.endpoints`);
          return {
            id: text(entry.id, `${field}.id`, CLUSTER_ID, '32 lower-case hex digits'),
            name: text(entry.name, `${field}.name`, NAME, 'a DNS-style name (a-z, 0-9, "-", ".")'),
            endpoints: {
              private: url(endpoints.private, `${field}.endpoints.private`),
              public: endpoints.public == null ? null : url(endpoints.public, `${field}.endpoints.public`),
            },
            accessKeys: asArray(entry.accessKeys, `${field}.accessKeys`).map((key, keyIndex) =>
              text(key, `${field}.accessKeys[${keyIndex}]`),
            ),
          };
        });
  const ids = new Set<string>();
  for (const cluster of clusters) {
    if (ids.has(cluster.id)) throw new FixtureError(`clusters: the id ${cluster.id} appears twice`);
    ids.add(cluster.id);
  }
  return { clusters, credentials };
}

function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new FixtureError(`${field}: expected an array`);
  return value;
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new FixtureError(`${field}: expected an object`);
  return value as Record<string, unknown>;
}
