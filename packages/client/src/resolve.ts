/**
 * A cluster or a nodepool named by its id or its name, as people name them. For a cluster, a value of 32
 * lower-case hex digits is an id and costs no request; any other value is a name, looked up with
 * `listClusters` (filtered by name on the service, every page, then matched exactly): one cluster of that
 * exact name is the answer, none a `ClusterNotFoundError` with the likely candidates, two or more an
 * `AmbiguousClusterError` listing them with their ids. A nodepool is looked up among its cluster's nodepools
 * (`listNodepools`), by id or exact name, the same way. Names in messages are quoted as JSON strings, so that
 * a control character in a name the service sent shows as an escape.
 */
import { ResponseFormatError, SkeError, SkeInputError } from './errors.js';

/** A cluster or nodepool as the messages name it. */
export interface Candidate {
  id: string;
  name: string;
  status?: string | undefined;
  kubernetesVersion?: string | undefined;
}

export interface ResolvedCluster {
  id: string;
  /** Known when the cluster was named by name. */
  name?: string;
}

export interface ResolveOptions {
  /** How the caller names the resource in the messages: `Pass one of these names or ids to <how>`. Default `resolveCluster` / `resolveNodepool`. */
  how?: string;
  /** How the caller lists them, for the messages. Default `listClusters` / `listNodepools`. */
  listWith?: string;
  signal?: AbortSignal;
}

/** What resolveCluster and resolveNodepool read of a listed cluster or nodepool. */
export interface NamedSummary {
  id: string;
  name: string;
  status?: unknown;
  kubernetes_version?: unknown;
}

/** What `resolveCluster` needs of a client: any version's. */
export interface ClusterLister {
  readonly paginate: {
    listClusters(input?: { name?: string | null }, options?: { signal?: AbortSignal }): AsyncIterable<unknown>;
  };
}

/** What `resolveNodepool` needs of a client: any version's. */
export interface NodepoolLister {
  readonly paginate: {
    listNodepools(input: { clusterId: string }, options?: { signal?: AbortSignal }): AsyncIterable<unknown>;
  };
}

const CLUSTER_ID = /^[0-9a-f]{32}$/;
/** At most this many visible clusters are listed as candidates when none has a similar name. */
export const MAX_LISTED = 10;
/** At most this many candidates are written in a message (`candidates` has them all). */
const MAX_SHOWN = 20;

const quoted = (text: string) => JSON.stringify(text);
const plain = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : undefined);

const candidateOf = (summary: NamedSummary): Candidate => ({
  id: summary.id,
  name: summary.name,
  status: typeof summary.status === 'string' ? summary.status : undefined,
  kubernetesVersion: typeof summary.kubernetes_version === 'string' ? summary.kubernetes_version : undefined,
});

/** The candidates as aligned lines: name, id, and status and version where known. */
function listing(candidates: readonly Candidate[]): string {
  const width = Math.max(...candidates.map((candidate) => (plain(candidate.name) ?? '').length));
  return candidates
    .map((candidate) =>
      [
        `  ${(plain(candidate.name) ?? '').padEnd(width)}`,
        ...[candidate.id, candidate.status, candidate.kubernetesVersion].map(plain),
      ]
        .filter(Boolean)
        .join('  '),
    )
    .join('\n');
}

/** No visible cluster (or nodepool of the cluster) has this exact name or id. `candidates` are the ones the message suggests. */
export class ClusterNotFoundError extends SkeError {
  override readonly name: string = 'ClusterNotFoundError';
  readonly candidates: readonly Candidate[];
  /** Whether the candidates have names that contain the name (else they are every visible one, when few). */
  readonly similar: boolean;
  /** How many are visible, when they were counted. */
  readonly visible: number | undefined;
  constructor(
    readonly clusterName: string,
    found: {
      candidates: readonly Candidate[];
      similar: boolean;
      visible?: number | undefined;
      how: string;
      listWith: string;
    },
    kind = 'cluster',
    code = 'ERR_SKE_CLUSTER_NOT_FOUND',
  ) {
    const { candidates, similar, visible, how, listWith } = found;
    const listed = candidates.slice(0, MAX_SHOWN);
    const rest = candidates.length - listed.length;
    const plural = `${kind[0]?.toUpperCase()}${kind.slice(1)}s`;
    let more: string;
    if (candidates.length > 0) {
      more =
        `${similar ? `${plural} whose names contain ${quoted(clusterName)}` : `${plural} you can see`}:\n${listing(listed)}` +
        `${rest > 0 ? `\n  … and ${rest} more (${listWith})` : ''}\nPass one of these names or ids to ${how}.`;
    } else if (visible === 0) {
      more = `This access key sees no ${kind} at all${kind === 'cluster' ? ' (check the region, and its ske:ListClusters permission)' : ''}.`;
    } else {
      more = `${visible ?? 'Other'} ${kind}s are visible; ${listWith} lists their names.`;
    }
    super(code, `no ${kind} named ${quoted(clusterName)} is visible to this access key. ${more}`);
    this.candidates = candidates;
    this.similar = similar;
    this.visible = visible;
  }
}

/** Two or more visible clusters (or nodepools of one cluster) have this exact name: only an id says which. */
export class AmbiguousClusterError extends SkeError {
  override readonly name: string = 'AmbiguousClusterError';
  constructor(
    readonly clusterName: string,
    readonly candidates: readonly Candidate[],
    how: string,
    kind = 'cluster',
    code = 'ERR_SKE_CLUSTER_AMBIGUOUS',
  ) {
    super(
      code,
      `${candidates.length} ${kind}s are named ${quoted(clusterName)}; pass the id of the one you mean to ${how}:\n${listing(candidates)}`,
    );
  }
}

/** No nodepool of the cluster has this exact name or id (`code` `ERR_SKE_NODEPOOL_NOT_FOUND`). */
export class NodepoolNotFoundError extends ClusterNotFoundError {
  override readonly name = 'NodepoolNotFoundError';
}

/** Two or more nodepools of the cluster have this exact name (`code` `ERR_SKE_NODEPOOL_AMBIGUOUS`). */
export class AmbiguousNodepoolError extends AmbiguousClusterError {
  override readonly name = 'AmbiguousNodepoolError';
}

/**
 * Every item of a list, each checked for what a lookup reads: an item without a string `id` and `name` is a
 * `ResponseFormatError` naming it (`clusters[2]`), never a TypeError.
 */
async function collect(items: AsyncIterable<unknown>, list: string): Promise<NamedSummary[]> {
  const all: NamedSummary[] = [];
  for await (const item of items) {
    const { id, name } = (item ?? {}) as Partial<Record<'id' | 'name', unknown>>;
    if (typeof item !== 'object' || Array.isArray(item) || typeof id !== 'string' || typeof name !== 'string') {
      // Stryker disable next-line StringLiteral: message text
      throw new ResponseFormatError(`${list}[${all.length}] is not a cluster with a string "id" and "name"`);
    }
    all.push(item as NamedSummary);
  }
  return all;
}

/** Candidates when nothing matched exactly: names that contain the value, else every visible one when few. */
function notFound(value: string, matches: NamedSummary[], visible: NamedSummary[] | undefined) {
  const lower = value.toLowerCase();
  const similar = (item: NamedSummary) => item.name.toLowerCase().includes(lower);
  const contained = matches.filter(similar);
  if (contained.length > 0 || visible === undefined) return { candidates: contained.map(candidateOf), similar: true };
  const near = visible.filter(similar);
  return {
    candidates: (near.length > 0 ? near : visible.length <= MAX_LISTED ? visible : []).map(candidateOf),
    similar: near.length > 0,
    visible: visible.length,
  };
}

/**
 * The cluster `nameOrId` names: an id as it is (no request), a name through `listClusters`. Throws
 * `ClusterNotFoundError` or `AmbiguousClusterError`; a name the spec's name filter does not accept (upper
 * case, a dot) is compared with every visible cluster's.
 */
export async function resolveCluster(
  client: ClusterLister,
  nameOrId: string,
  options: ResolveOptions = {},
): Promise<ResolvedCluster> {
  if (typeof nameOrId !== 'string' || nameOrId === '') {
    // Stryker disable next-line StringLiteral: message text
    throw new SkeInputError('nameOrId', 'a cluster name or id');
  }
  if (CLUSTER_ID.test(nameOrId)) return { id: nameOrId };
  const { how = 'resolveCluster', listWith = 'listClusters', signal } = options;
  const list = (input: { name?: string }) => collect(client.paginate.listClusters(input, { signal }), 'clusters');
  let filtered = true;
  const matches = await list({ name: nameOrId }).catch((error: unknown) => {
    // A value the name filter does not accept cannot be any cluster's filter: list them all, compare here.
    if (!(error instanceof SkeInputError)) throw error;
    filtered = false;
    return list({});
  });
  const exact = matches.filter((cluster) => cluster.name === nameOrId);
  const [only] = exact;
  if (only && exact.length === 1) return { id: only.id, name: only.name };
  if (exact.length > 1) throw new AmbiguousClusterError(nameOrId, exact.map(candidateOf), how);
  const contained = notFound(nameOrId, matches, undefined);
  if (contained.candidates.length > 0) throw new ClusterNotFoundError(nameOrId, { ...contained, how, listWith });
  const visible = filtered ? await list({}) : matches;
  throw new ClusterNotFoundError(nameOrId, { ...notFound(nameOrId, [], visible), how, listWith });
}

/**
 * The nodepool of cluster `clusterId` that `nameOrId` names: the one with that id, else the one with that
 * exact name, among the cluster's nodepools (`listNodepools`, every page). Throws `NodepoolNotFoundError` or
 * `AmbiguousNodepoolError`.
 */
export async function resolveNodepool(
  client: NodepoolLister,
  clusterId: string,
  nameOrId: string,
  options: ResolveOptions = {},
): Promise<ResolvedCluster> {
  if (typeof nameOrId !== 'string' || nameOrId === '') {
    // Stryker disable next-line StringLiteral: message text
    throw new SkeInputError('nameOrId', 'a nodepool name or id');
  }
  const { how = 'resolveNodepool', listWith = 'listNodepools', signal } = options;
  const nodepools = await collect(client.paginate.listNodepools({ clusterId }, { signal }), 'nodepools');
  const byId = nodepools.find((nodepool) => nodepool.id === nameOrId);
  if (byId) return { id: byId.id, name: byId.name };
  const exact = nodepools.filter((nodepool) => nodepool.name === nameOrId);
  const [only] = exact;
  if (only && exact.length === 1) return { id: only.id, name: only.name };
  if (exact.length > 1)
    throw new AmbiguousNodepoolError(nameOrId, exact.map(candidateOf), how, 'nodepool', 'ERR_SKE_NODEPOOL_AMBIGUOUS');
  throw new NodepoolNotFoundError(
    nameOrId,
    { ...notFound(nameOrId, [], nodepools), how, listWith },
    'nodepool',
    'ERR_SKE_NODEPOOL_NOT_FOUND',
  );
}
