/**
 * The show operations (`x-scp-resource`: `showCluster`, `showNodepool`): the resource the path names
 * (`<resource>_id`), under its name, as the store keeps it; sent in the version's shape (project.ts).
 * 404 for an unknown id, 403 for a resource the key may not see.
 */
import type { HandlerFactory } from './types.js';
import { visibleEntry } from './visible.js';

export const showResource: HandlerFactory = (context) => (request) => {
  const kind = request.route.resource as string;
  const entry = visibleEntry(context.store, kind, request.path[`${kind}_id`], request.caller.accessKey);
  if ('code' in entry) return entry;
  return { payload: { [kind]: entry.value } };
};
