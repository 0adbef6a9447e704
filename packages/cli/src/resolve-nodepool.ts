/**
 * A nodepool named on the command line by its id or its name. A UUID (SCP's nodepool ids) or 32 hex
 * digits is an id and costs no request; any other value is a name, looked up among the nodepools of
 * the cluster `--cluster` names (required for a name): exactly one of that name is the answer.
 */
import { SkeError } from '@scp-ske/client';
import { shown } from './cluster-answers.js';
import type { Client } from './connection.js';
import { UsageError } from './usage.js';

export const NODEPOOL_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

export interface ResolvedNodepool {
  id: string;
  name?: string;
  /** The cluster it was looked up in. */
  clusterId?: string;
}

/** No nodepool of the cluster has that exact name (exit 1, as an unknown id's 404). */
export class NodepoolNotFoundError extends SkeError {
  override readonly name = 'NodepoolNotFoundError';
  constructor(nodepoolName: string, names: readonly string[]) {
    super(
      'ERR_SKE_NODEPOOL_NOT_FOUND',
      `the cluster has no nodepool named "${shown(nodepoolName)}"` +
        (names.length > 0 ? `; its nodepools: ${names.map(shown).join(', ')}` : '; it has no nodepool'),
    );
  }
}

export async function resolveNodepool(
  client: Client,
  value: string,
  clusterId: string | undefined,
  how: string,
): Promise<ResolvedNodepool> {
  if (NODEPOOL_ID.test(value)) return { id: value, ...(clusterId && { clusterId }) };
  if (clusterId === undefined) {
    throw new UsageError(`${how}: a nodepool named by name needs --cluster NAME|ID (or pass the nodepool's id)`);
  }
  const { data } = await (
    client as unknown as { listNodepools(input: object): Promise<{ data: { nodepools?: unknown } }> }
  ).listNodepools({ clusterId });
  const nodepools = (Array.isArray(data.nodepools) ? data.nodepools : []) as { id?: unknown; name?: unknown }[];
  const exact = nodepools.filter((nodepool) => nodepool.name === value && typeof nodepool.id === 'string');
  const [only] = exact;
  if (only && exact.length === 1) return { id: only.id as string, name: value, clusterId };
  if (exact.length > 1) {
    throw new UsageError(
      `${exact.length} nodepools are named "${shown(value)}"; pass the id of the one you mean: ${exact.map((nodepool) => shown(nodepool.id)).join(', ')}`,
    );
  }
  throw new NodepoolNotFoundError(
    value,
    nodepools.map((nodepool) => String(nodepool.name)),
  );
}
