import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createVersionedClient } from './client.js';
import { ResponseFormatError, SkeInputError } from './errors.js';
import type { OperationTable } from './operation.js';
import { contract, TODAY, useOwnServers } from './test-support.js';

const TABLE = {
  listClusters: {
    method: 'GET',
    path: '/v1/clusters',
    parameters: [
      { key: 'size', name: 'size', in: 'query', schema: { type: ['integer', 'null'], minimum: 0 } },
      { key: 'page', name: 'page', in: 'query', schema: { type: ['integer', 'null'], minimum: 0 } },
      { key: 'name', name: 'name', in: 'query', schema: { type: ['string', 'null'] } },
    ],
    success: { status: 200, contentType: 'application/json' },
    pagination: { items: 'clusters' },
  },
} as const satisfies OperationTable;

type Paginator = (input?: object, options?: object) => AsyncIterable<{ id: string }>;

const serve = useOwnServers();
const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: `c${index}` }));

/** A list service over ITEMS: `page` from 0 and `size` (else `defaultSize`), `count` unless `withCount` is false. */
function lister(
  options: {
    defaultSize?: number;
    withCount?: boolean;
    ignorePage?: boolean;
    ignoreSize?: boolean;
    body?: unknown;
    items?: typeof ITEMS;
  } = {},
) {
  const items = options.items ?? ITEMS;
  return (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    const asked = options.ignoreSize ? null : query.get('size');
    const size = Number(asked ?? options.defaultSize ?? items.length);
    const page = options.ignorePage ? 0 : Number(query.get('page') ?? 0);
    const clusters = items.slice(page * size, page * size + size);
    const body =
      'body' in options ? options.body : { clusters, ...(options.withCount !== false && { count: items.length }) };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

async function paginator(listener: ReturnType<typeof lister>) {
  const server = await serve(listener);
  const client = createVersionedClient<{ paginate: { listClusters: Paginator } }>(contract(), TABLE, {
    endpoint: server.url,
    credentials: { accessKey: 'AK', secretKey: 'SK' },
    now: () => TODAY,
  });
  const queries = () => server.requests.map((request) => new URL(request.url ?? '/', 'http://x').search);
  return { list: client.paginate.listClusters, queries };
}

async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('a paginator', () => {
  it('reads every page of the size asked, up to count', async () => {
    const { list, queries } = await paginator(lister());
    expect(await collect(list({ size: 3, name: 'c' }))).toEqual(ITEMS);
    expect(queries()).toEqual(['?size=3&name=c', '?size=3&page=1&name=c', '?size=3&page=2&name=c']);
  });

  it('asks the next pages with the size of the service’s first page when none is given', async () => {
    const { list, queries } = await paginator(lister({ defaultSize: 4 }));
    expect(await collect(list())).toEqual(ITEMS);
    expect(queries()).toEqual(['', '?size=4&page=1']);
  });

  it('stops on a short page without count, and on an empty one', async () => {
    const short = await paginator(lister({ withCount: false }));
    expect(await collect(short.list({ size: 4 }))).toEqual(ITEMS);
    expect(short.queries()).toHaveLength(2);
    const exact = await paginator(lister({ withCount: false }));
    expect(await collect(exact.list({ size: 7 }))).toEqual(ITEMS);
    expect(exact.queries()).toEqual(['?size=7', '?size=7&page=1']);
  });

  it('starts at the page asked, counting the pages it skips', async () => {
    const { list, queries } = await paginator(lister());
    expect(await collect(list({ size: 3, page: 1 }))).toEqual(ITEMS.slice(3));
    expect(queries()).toEqual(['?size=3&page=1', '?size=3&page=2']);
  });

  it('stops when a page begins as the one before it (a service that ignores page)', async () => {
    const { list, queries } = await paginator(lister({ ignorePage: true, withCount: false }));
    expect(await collect(list({ size: 2 }))).toEqual(ITEMS.slice(0, 2));
    expect(queries()).toHaveLength(2);
  });

  it('fetches nothing until read, and no page past what the loop takes', async () => {
    const { list, queries } = await paginator(lister());
    const pages = list({ size: 2 });
    expect(queries()).toHaveLength(0);
    for await (const item of pages) {
      expect(item).toEqual(ITEMS[0]);
      break;
    }
    expect(queries()).toHaveLength(1);
  });

  it('stops on its signal', async () => {
    const { list, queries } = await paginator(lister());
    const controller = new AbortController();
    const read: unknown[] = [];
    const reading = (async () => {
      for await (const item of list({ size: 2 }, { signal: controller.signal })) {
        read.push(item);
        if (read.length === 2) controller.abort(new Error('enough'));
      }
    })();
    await expect(reading).rejects.toThrow('enough');
    expect(queries()).toHaveLength(1);
  });

  it('refuses an answer whose items are not an array, and bad input before any request', async () => {
    const { list } = await paginator(lister({ body: { clusters: 'none' } }));
    await expect(collect(list())).rejects.toBeInstanceOf(ResponseFormatError);
    const checked = await paginator(lister());
    await expect(collect(checked.list({ size: -1 }))).rejects.toBeInstanceOf(SkeInputError);
    await expect(collect(checked.list({ size: 2 }, { retries: 1 }))).rejects.toMatchObject({
      argument: 'options.retries',
    });
    expect(checked.queries()).toHaveLength(0);
  });

  it('stops once count items are read, counting the pages skipped, without asking past them', async () => {
    const six = ITEMS.slice(0, 6);
    const whole = await paginator(lister({ items: six }));
    expect(await collect(whole.list({ size: 3 }))).toEqual(six);
    expect(whole.queries()).toEqual(['?size=3', '?size=3&page=1']);
    const skipping = await paginator(lister({ items: six }));
    expect(await collect(skipping.list({ size: 3, page: 1 }))).toEqual(six.slice(3));
    expect(skipping.queries()).toEqual(['?size=3&page=1']);
  });

  it('takes a size of 0 as none: the service’s page size', async () => {
    const { list, queries } = await paginator(lister({ defaultSize: 3, ignoreSize: true }));
    expect(await collect(list({ size: 0 }))).toEqual(ITEMS);
    expect(queries()).toEqual(['?size=0', '?size=3&page=1', '?size=3&page=2']);
  });

  it('reads an answer without the items, or no answer at all, as an empty page', async () => {
    const none = await paginator(lister({ body: {} }));
    expect(await collect(none.list())).toEqual([]);
    const empty = await paginator(lister({ body: null }));
    expect(await collect(empty.list())).toEqual([]);
  });

  it('refuses an input that is not an object, before any request', async () => {
    const { list, queries } = await paginator(lister());
    await expect(collect(list('all' as never))).rejects.toMatchObject({ argument: 'input' });
    expect(queries()).toHaveLength(0);
  });
});
