/**
 * `listClusters` (GET /v1/clusters): the clusters the caller's key may see, filtered by `name`
 * (substring), `status` and `kubernetes_version` (one value or several, any of them, exact) and
 * `subnet_id` (exact), sorted by `sort` (`field` or `field:asc|desc`, a summary field), then one page:
 * `page` from 0, `size` per page (absent: every match, `page` ignored). `count` is every match.
 */
import type { CompleteCluster } from '../complete-cluster.js';
import type { HandlerFactory } from './types.js';
import { mayRead } from './visible-cluster.js';

/** The fields `ClusterSummary` and `Cluster` share. */
export function clusterIdentity(cluster: CompleteCluster) {
  return {
    id: cluster.id,
    name: cluster.name,
    account_id: cluster.accountId,
    kubernetes_version: cluster.kubernetesVersion,
    status: cluster.status,
    node_count: cluster.nodeCount,
    created_at: cluster.createdAt,
    modified_at: cluster.modifiedAt,
  };
}

/** The spec's `ClusterSummary`. */
export function clusterSummary(cluster: CompleteCluster) {
  return { ...clusterIdentity(cluster), subnet_id: cluster.subnet.id };
}

type Summary = ReturnType<typeof clusterSummary>;

/** One value or several (a repeated key) as a list; absent or null: no filter. */
function anyOf(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

function sortBy(sort: unknown): ((a: Summary, b: Summary) => number) | undefined {
  if (typeof sort !== 'string' || sort === '') return undefined;
  const [field = '', direction = 'asc'] = sort.split(':');
  if (!['id', 'name', 'kubernetes_version', 'status', 'created_at', 'modified_at'].includes(field)) return undefined;
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => {
    const left = String(a[field as keyof Summary]);
    const right = String(b[field as keyof Summary]);
    return left < right ? -sign : left > right ? sign : 0;
  };
}

export const listClusters: HandlerFactory = () => (request) => {
  const { name, subnet_id: subnetId, size, page, sort } = request.query;
  const statuses = anyOf(request.query.status);
  const versions = anyOf(request.query.kubernetes_version);
  const accessKey = request.caller.accessKey;
  const matches = request.clusters
    .filter(
      (cluster) =>
        mayRead(cluster, accessKey) &&
        (typeof name !== 'string' || cluster.name.includes(name)) &&
        (!statuses || statuses.includes(cluster.status)) &&
        (!versions || versions.includes(cluster.kubernetesVersion)) &&
        (typeof subnetId !== 'string' || cluster.subnet.id === subnetId),
    )
    .map(clusterSummary);
  const order = sortBy(sort);
  if (order) matches.sort(order);
  const start = typeof size === 'number' ? size * (typeof page === 'number' ? page : 0) : 0;
  const clusters = typeof size === 'number' ? matches.slice(start, start + size) : matches;
  return { status: 200, payload: { clusters, count: matches.length, links: [] } };
};
