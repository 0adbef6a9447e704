/**
 * The resource a request names by `<kind>_id` (`cluster_id`, `nodepool_id`), as the caller may see
 * it: 404 `NotFound` for an unknown id, 403 `Forbidden` for a resource of a cluster the key is not
 * allowed on (a nodepool is visible with its cluster).
 */
import type { ErrorAnswer } from '../envelope.js';
import type { Entry, Store } from '../state/store.js';

/** The access keys that may see a resource: its top-level resource's. */
export function accessKeysOf(entry: Entry): readonly string[] {
  let top = entry;
  while (top.parent) top = top.parent;
  return top.accessKeys;
}

export const mayRead = (entry: Entry, accessKey: string): boolean => accessKeysOf(entry).includes(accessKey);

export function visibleEntry(store: Store, kind: string, id: unknown, accessKey: string): Entry | ErrorAnswer {
  const entry = typeof id === 'string' ? store.get(kind, id) : undefined;
  if (!entry) return { status: 404, code: 'NotFound', detail: [`No ${kind} has the id ${String(id)}.`] };
  if (!mayRead(entry, accessKey)) {
    return { status: 403, code: 'Forbidden', detail: [`This access key may not read this ${kind}.`] };
  }
  return entry;
}
