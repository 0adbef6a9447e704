/**
 * A cluster named on the command line by its id or its name. A value of 32 lower-case hex digits is
 * an id and costs no request; any other value is a name, looked up with `listClusters` (filtered by
 * name on the server, then matched exactly here): one cluster of that exact name is the answer, none
 * is a ClusterNotFoundError listing the likely candidates, two or more an AmbiguousClusterError
 * listing them with their ids.
 */
import { SkeError } from '@scp-ske/client';
import { type ClusterList, type ClusterSummary, clusterList, shown } from './cluster-answers.js';
import type { Client, Version } from './connection.js';
import { accepts } from './spec-arguments.js';

export const CLUSTER_ID = /^[0-9a-f]{32}$/;

/** A cluster as the CLI names it in messages. */
export interface Candidate {
  id: string;
  name: string;
  status?: string;
  kubernetesVersion?: string;
}

export interface ResolvedCluster {
  id: string;
  /** Known when the cluster was named by name. */
  name?: string;
}

/** At most this many visible clusters are listed as candidates when none has a similar name. */
export const MAX_LISTED = 10;
/** At most this many candidates are printed (JSON output has them all). */
const MAX_SHOWN = 20;
/** Paging stops after this many pages, whatever `count` says. */
const MAX_PAGES = 50;

/** The candidates as aligned lines: name, id, and status and version where known (each one line of text). */
function listing(candidates: readonly Candidate[]): string {
  const width = Math.max(...candidates.map((candidate) => shown(candidate.name).length));
  return candidates
    .map((candidate) =>
      [`  ${shown(candidate.name).padEnd(width)}`, candidate.id, candidate.status, candidate.kubernetesVersion]
        .filter(Boolean)
        .map(shown)
        .join('  '),
    )
    .join('\n');
}

/** No visible cluster has this exact name. `candidates` are the ones the message suggests. */
export class ClusterNotFoundError extends SkeError {
  override readonly name = 'ClusterNotFoundError';
  readonly candidates: readonly Candidate[];
  constructor(
    readonly clusterName: string,
    found: {
      /** Clusters whose names contain the name (`similar`), else the visible ones, else none. */
      candidates: readonly Candidate[];
      similar: boolean;
      /** How many clusters the key can see, when they were counted. */
      visible?: number | undefined;
      how: string;
    },
  ) {
    const { candidates, similar, visible, how } = found;
    const listed = candidates.slice(0, MAX_SHOWN);
    const rest = candidates.length - listed.length;
    let more: string;
    if (candidates.length > 0) {
      more =
        `${similar ? `Clusters whose names contain "${shown(clusterName)}"` : 'Clusters you can see'}:\n${listing(listed)}` +
        `${rest > 0 ? `\n  … and ${rest} more (scp-ske clusters list)` : ''}\nPass one of these names or ids to ${how}.`;
    } else if (visible === 0) {
      more = 'This access key sees no cluster at all (check the region, and its ske:ListClusters permission).';
    } else {
      more = `${visible ?? 'Other'} clusters are visible; run \`scp-ske clusters list\` to see their names.`;
    }
    super(
      'ERR_SKE_CLUSTER_NOT_FOUND',
      `no cluster named "${shown(clusterName)}" is visible to this access key. ${more}`,
    );
    this.candidates = candidates;
  }
}

/** Two or more visible clusters have this exact name: only an id says which. */
export class AmbiguousClusterError extends SkeError {
  override readonly name = 'AmbiguousClusterError';
  constructor(
    readonly clusterName: string,
    readonly candidates: readonly Candidate[],
    how: string,
  ) {
    super(
      'ERR_SKE_CLUSTER_AMBIGUOUS',
      `${candidates.length} clusters are named "${shown(clusterName)}"; pass the id of the one you mean to ${how}:\n${listing(candidates)}`,
    );
  }
}

type ListInput = Parameters<Client['listClusters']>[0];
type Summary = ClusterSummary;

const candidateOf = (summary: Summary): Candidate => ({
  id: summary.id,
  name: summary.name,
  status: summary.status,
  kubernetesVersion: summary.kubernetes_version,
});

/**
 * Every cluster `listClusters` matches, over as many pages as `count` says there are (a service that
 * pages by default answers the first page; the next ones are asked with that page's size): the first
 * page's answer with every page's clusters. Each page is checked (cluster-answers.ts).
 */
export async function listAll(client: Client, input: NonNullable<ListInput>): Promise<ClusterList> {
  const first = clusterList((await client.listClusters(input)).data);
  const clusters = [...first.clusters];
  const count = first.count;
  const size = clusters.length;
  if (typeof count !== 'number' || size === 0 || size >= count) return first;
  const seen = new Set(clusters.map((cluster) => cluster.id));
  for (let page = 1; clusters.length < count && page < MAX_PAGES; page++) {
    const next = clusterList((await client.listClusters({ ...input, size, page })).data);
    const fresh = next.clusters.filter((cluster) => !seen.has(cluster.id));
    if (fresh.length === 0) break;
    for (const cluster of fresh) seen.add(cluster.id);
    clusters.push(...fresh);
  }
  return { ...first, clusters };
}

/**
 * The cluster `value` names: an id as it is, a name through `listClusters`. `how` is how the user
 * passes a cluster (`--cluster`), for the messages.
 */
export async function resolveCluster(
  client: Client,
  version: Version,
  value: string,
  how: string,
): Promise<ResolvedCluster> {
  if (CLUSTER_ID.test(value)) return { id: value };
  // A value the name filter does not accept (upper case, a dot) cannot be any cluster's filter:
  // list them all and compare here.
  const filtered = accepts(version, 'listClusters', 'name', value);
  const matches = (await listAll(client, filtered ? { name: value } : {})).clusters;
  const exact = matches.filter((cluster) => cluster.name === value);
  const [only] = exact;
  if (only && exact.length === 1) return { id: only.id, name: only.name };
  if (exact.length > 1) throw new AmbiguousClusterError(value, exact.map(candidateOf), how);
  // Not found: suggest names that contain it, else every visible cluster when there are few.
  const lower = value.toLowerCase();
  const similar = (cluster: Summary) => cluster.name.toLowerCase().includes(lower);
  const contained = matches.filter(similar);
  if (contained.length > 0) {
    throw new ClusterNotFoundError(value, { candidates: contained.map(candidateOf), similar: true, how });
  }
  const visible = filtered ? (await listAll(client, {})).clusters : matches;
  const near = visible.filter(similar);
  throw new ClusterNotFoundError(value, {
    candidates: (near.length > 0 ? near : visible.length <= MAX_LISTED ? visible : []).map(candidateOf),
    similar: near.length > 0,
    visible: visible.length,
    how,
  });
}
