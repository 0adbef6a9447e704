/**
 * The cluster answers the CLI reads (`listClusters`, `showCluster`), checked for what it uses before
 * it uses them: a body without its `clusters` array or its `cluster` object (an error envelope sent
 * with a 200, say) is a ResponseFormatError, never a TypeError, never printed as if it were data. Only
 * the fields every command relies on are required (`id` and `name`, strings); any other field is shown
 * as whatever it is (see `shown`), so that a service that adds or drops an optional field still works.
 */
import { ResponseFormatError } from '@scp-ske/client';
import type { Client } from './connection.js';
import { oneLine } from './terminal-text.js';

export type ClusterList = Awaited<ReturnType<Client['listClusters']>>['data'];
export type ClusterSummary = ClusterList['clusters'][number];
export type Cluster = Awaited<ReturnType<Client['showCluster']>>['data']['cluster'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Refuses an entry without a string `id` and `name`; `where` names it (`clusters[2]`, `cluster`). */
function checkNamed(value: unknown, where: string): void {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.name !== 'string') {
    // Stryker disable next-line StringLiteral: message text
    throw new ResponseFormatError(`${where} is not a cluster with a string "id" and "name"`);
  }
}

/** `data` of a `listClusters` answer, checked: an object with a `clusters` array of named clusters. */
export function clusterList(data: unknown): ClusterList {
  if (!isObject(data) || !Array.isArray(data.clusters)) {
    // Stryker disable next-line StringLiteral: message text
    throw new ResponseFormatError('the cluster list has no "clusters" array');
  }
  for (const [index, cluster] of data.clusters.entries()) checkNamed(cluster, `clusters[${index}]`);
  return data as unknown as ClusterList;
}

/** `data` of a `showCluster` answer, checked: an object with a named `cluster` object. */
export function clusterShown(data: unknown): { cluster: Cluster } {
  if (!isObject(data) || !isObject(data.cluster)) {
    // Stryker disable next-line StringLiteral: message text
    throw new ResponseFormatError('the answer has no "cluster" object');
  }
  checkNamed(data.cluster, 'cluster');
  return data as unknown as { cluster: Cluster };
}

/**
 * A field of an answer as one line of text: a string as it is (control characters visible), a number
 * or a boolean as written, nothing (`null`, absent) as `-`, anything else as its JSON.
 */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return oneLine(JSON.stringify(value));
}
