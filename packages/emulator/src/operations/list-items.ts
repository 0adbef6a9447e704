/**
 * The list operations (`x-scp-pagination: { items }`: `listClusters`, `listNodepools`,
 * `listNodepoolNodes`), one handler for all: the items are the clusters the caller's key may see, or
 * what belongs to the resource the path names (`cluster_id` → its nodepools, `nodepool_id` → its
 * nodes; 404 / 403 as for a show). Then, from the query, generically:
 * - filters: `name` and `<x>_name` (`nodepool_name`, `node_name`) keep the items whose name contains
 *   the value; any other parameter (`status`, `kubernetes_version`, `subnet_id`) the items whose
 *   field of that name equals the value or, for several values (repeated keys), any of them. An
 *   empty value filters nothing (SCP's SDK sends `name=&subnet_id=` when unset).
 * - `sort`: `field` or `field:asc|desc`, a field the items' schema declares (else ignored);
 * - `page` from 0 and `size` per page (without `size`: every match, `page` ignored).
 * The answer is `{ <items>: [page], count: every match, links: [] }`; each item is sent in the
 * version's shape (a cluster as `ClusterSummary`, project.ts). The items are filtered first, and only
 * the page is shaped: no copy of the store per request.
 */
import type { ErrorAnswer } from '../envelope.js';
import { fieldOf } from '../project.js';
import type { Resource } from '../state/store.js';
import type { HandlerFactory, OperationContext, OperationRequest } from './types.js';
import { mayRead, visibleEntry } from './visible.js';

const PAGING = new Set(['size', 'page', 'sort']);

/** One value or several (a repeated key) as a list; absent, null or empty: no filter. */
function anyOf(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const values = (Array.isArray(value) ? value : [value]).filter((item) => item !== null && item !== '');
  return values.length === 0 ? undefined : values;
}

type Test = (item: Resource) => boolean;

function filtersOf(query: Record<string, unknown>): Test[] {
  const tests: Test[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (PAGING.has(name)) continue;
    const values = anyOf(raw);
    if (!values) continue;
    if (name === 'name' || name.endsWith('_name')) {
      tests.push((item) => values.some((value) => String(item.name).includes(String(value))));
    } else {
      tests.push((item) => values.includes(fieldOf(item, name)));
    }
  }
  return tests;
}

function sortOf(sort: unknown, sortable: ReadonlySet<string>): ((a: Resource, b: Resource) => number) | undefined {
  if (typeof sort !== 'string' || sort === '') return undefined;
  const [field = '', direction = 'asc'] = sort.split(':');
  if (!sortable.has(field)) return undefined;
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => {
    const left = String(fieldOf(a, field));
    const right = String(fieldOf(b, field));
    return left < right ? -sign : left > right ? sign : 0;
  };
}

/** The items' scalar fields, from the list response's schema: what `sort` may name. */
function sortableFields(request: OperationRequest, items: string): Set<string> {
  type Schema = { properties?: Record<string, Schema & { type?: string | string[] }>; items?: Schema };
  const schema = request.route.response.schema as Schema | undefined;
  const item = schema?.properties?.[items]?.items;
  const fields = new Set<string>();
  for (const [name, property] of Object.entries(item?.properties ?? {})) {
    const types = [property.type ?? []].flat();
    if (types.some((type) => type === 'string' || type === 'integer' || type === 'number' || type === 'boolean')) {
      fields.add(name);
    }
  }
  return fields;
}

/**
 * Calls `visit` with each item a list operation starts from: the clusters the caller may see, or what
 * belongs to the resource the path names; or answers why not (404, 403).
 */
function eachItem(
  context: OperationContext,
  request: OperationRequest,
  items: string,
  visit: (item: Resource) => void,
): ErrorAnswer | undefined {
  const accessKey = request.caller.accessKey;
  const scopeName = request.route.pathNames.find((name) => name.endsWith('_id'));
  if (scopeName === undefined) {
    for (const entry of context.store.tops()) if (mayRead(entry, accessKey)) visit(entry.value);
    return undefined;
  }
  const scope = visibleEntry(context.store, scopeName.slice(0, -3), request.path[scopeName], accessKey);
  if ('code' in scope) return scope;
  if (items === 'nodes') for (const node of scope.nodes) visit(node);
  else for (const child of scope.children.values()) visit(child.value);
  return undefined;
}

export const listItems: HandlerFactory = (context) => {
  const sortable = new Map<object, Set<string>>();
  return (request) => {
    const items = (request.route.pagination as { items: string }).items;
    let fields = sortable.get(request.route);
    if (!fields) {
      fields = sortableFields(request, items);
      sortable.set(request.route, fields);
    }
    const order = sortOf(request.query.sort, fields);
    const tests = filtersOf(request.query);
    const { size, page } = request.query;
    const paged = typeof size === 'number';
    const start = paged ? size * (typeof page === 'number' ? page : 0) : 0;
    const end = paged ? start + size : Number.POSITIVE_INFINITY;
    // Without a sort, only the page is kept (and counted past): no list of every match per request.
    const matches: Resource[] = [];
    let count = 0;
    const refused = eachItem(context, request, items, (item) => {
      for (const test of tests) if (!test(item)) return;
      if (order || (count >= start && count < end)) matches.push(item);
      count += 1;
    });
    if (refused) return refused;
    let shown = matches;
    if (order) {
      matches.sort(order);
      shown = paged ? matches.slice(start, end) : matches;
    }
    return { payload: { [items]: shown, count, links: [] } };
  };
};
