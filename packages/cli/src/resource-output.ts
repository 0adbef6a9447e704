/**
 * The table output of the resource commands: a list as columns (the command table's), anything else
 * (one resource, an accepted change) as `Field: value` lines of its top-level fields. Every value is
 * one line of text, control characters visible (cluster-answers.ts `shown`).
 */
import { shown } from './cluster-answers.js';
import { table } from './text-table.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const get = (item: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), item);

/** The array of a list answer (`{ nodepools: [...] }`). */
export function itemsOf(data: unknown): unknown[] {
  if (!isObject(data)) return [];
  return (Object.values(data).find(Array.isArray) as unknown[] | undefined) ?? [];
}

export function listTable(data: unknown, columns: readonly (readonly [string, string])[]): string {
  const items = itemsOf(data);
  if (items.length === 0) return '';
  return table([
    columns.map(([heading]) => heading),
    ...items.map((item) => columns.map(([, path]) => shown(get(item, path)))),
  ]);
}

/** A value in a field line: a linked resource as `name (id)`. */
function cell(value: unknown): string {
  if (isObject(value) && ('name' in value || 'id' in value) && Object.keys(value).length <= 3) {
    return value.name !== undefined && value.id !== undefined
      ? `${shown(value.name)} (${shown(value.id)})`
      : shown(value.name ?? value.id);
  }
  return shown(value);
}

/** `Field: value` lines of one resource: the answer's one object (`{ nodepool: {...} }`) or the answer itself. */
export function fields(data: unknown): string {
  const values = isObject(data) ? Object.values(data) : [];
  const resource = values.length === 1 && isObject(values[0]) ? values[0] : data;
  if (!isObject(resource)) return `${shown(resource)}\n`;
  const rows = Object.entries(resource);
  const width = Math.max(0, ...rows.map(([key]) => key.length)) + 1;
  return rows.map(([key, value]) => `${`${key}:`.padEnd(width)}  ${cell(value)}\n`).join('');
}
