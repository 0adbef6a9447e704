/**
 * Small helpers for resources kept as plain JSON: dotted paths (`vpc.id`), timestamps in `T` form,
 * and fitting a request value to the field it sets (an id list becomes the list of resources it
 * names: `security_group_id_list` → `security_group_list`).
 */
import { admitsNull } from '../project.js';
import type { Schema } from './model.js';
import type { Resource } from './store.js';

/** An instant as SCP's SDK reads it: RFC 3339 with `T`, whole seconds, UTC (`2025-03-31T00:23:17Z`). */
export function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An RFC 3339 text in `T` form, UTC (a space for `T` and offsets are rewritten); unreadable text as it is. */
export function tForm(text: string): string {
  const epochMs = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(epochMs) ? text : timestamp(epochMs);
}

export function getPath(value: Resource, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const name of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Resource)[name];
  }
  return current;
}

/** Sets a dotted path, making the objects on the way (a copy of each, so shared values are not changed). */
export function setPath(value: Resource, path: readonly string[], field: unknown): void {
  let current = value;
  for (const name of path.slice(0, -1)) {
    const next = current[name];
    const copy = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Resource) } : {};
    current[name] = copy;
    current = copy;
  }
  current[path[path.length - 1] as string] = field;
}

function typesOf(schema: Schema): string[] {
  return typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
}

/** Whether the schema wants an object (with properties) where `value` is a string: an id standing for it. */
function wantsObjectFor(schema: Schema | undefined): schema is Schema {
  if (!schema) return false;
  return schema.properties?.id !== undefined && (typesOf(schema).includes('object') || schema.properties !== undefined);
}

/**
 * A request value fitted to the field it sets: an id (string) where the field holds a resource
 * (`{ id, name }`) becomes that resource, named as the field's current value names the same id, else
 * by its id; a list is fitted item by item. Anything else is kept as it is.
 */
export function fit(value: unknown, schema: Schema | undefined, current: unknown): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) {
    const items =
      schema.items ?? [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].find((branch) => branch.items)?.items;
    const known = Array.isArray(current) ? current : [];
    return value.map((item) => fit(item, items, known));
  }
  if (typeof value === 'string' && wantsObjectFor(schema)) {
    const pool = Array.isArray(current) ? current : [current];
    const same = pool.find(
      (candidate) => candidate !== null && typeof candidate === 'object' && (candidate as Resource).id === value,
    ) as Resource | undefined;
    return same ? { ...same } : { id: value, name: value };
  }
  return value;
}

/** What an absent optional field of a new resource is: an empty list, else null where allowed, else undefined (keep). */
export function emptyFor(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  const types = typesOf(schema);
  if (types.includes('array')) return [];
  if (admitsNull(schema as never)) return null;
  return undefined;
}
