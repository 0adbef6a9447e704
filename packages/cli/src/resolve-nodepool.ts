/**
 * A nodepool named on the command line by its id or its name. With `--cluster`, the client's
 * `resolveNodepool` finds it among that cluster's nodepools, by id or exact name. Without, a value
 * shaped like an id (a UUID, as SCP's nodepool ids are, or 32 hex digits) is used as it is, with no
 * request; a name needs `--cluster` (a usage error otherwise).
 */
import { resolveNodepool as lookUp } from '@scp-ske/client';
import type { Client } from './connection.js';
import { UsageError } from './usage.js';

export const NODEPOOL_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

export interface ResolvedNodepool {
  id: string;
  name?: string | undefined;
}

export async function resolveNodepool(
  client: Client,
  value: string,
  clusterId: string | undefined,
  how: string,
): Promise<ResolvedNodepool> {
  if (clusterId !== undefined) {
    return lookUp(client, clusterId, value, { how, listWith: '`scp-ske nodepools list --cluster …`' });
  }
  if (NODEPOOL_ID.test(value)) return { id: value };
  throw new UsageError(`${how}: a nodepool named by name needs --cluster NAME|ID (or pass the nodepool's id)`);
}
