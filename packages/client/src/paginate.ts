/**
 * The one paginator runtime (`client.paginate.<operationId>`, loaded on its first use): reads a list that
 * pages (`x-scp-pagination`) one page at a time, as its items are read. The first page is the one the
 * input asks for (`page`, default 0; `size`, default the service's own page size, which the next pages then
 * ask for); it stops on an empty page, a short one (fewer items than `size`), once `count` items were read
 * (counting the pages skipped), or when a page begins as the one before it did (a service that ignores
 * `page`). Each page's call takes the options (`signal` stops the iteration).
 */
import { ResponseFormatError, SkeInputError } from './errors.js';
import type { CallOptions } from './operation.js';
import type { OperationCall } from './operation-methods.js';

/** Every item of the list `call` answers with, in the property `items` of each page. */
export async function* paginate(
  call: OperationCall,
  items: string,
  input: unknown = {},
  options?: CallOptions,
): AsyncGenerator<unknown, void, undefined> {
  if (typeof input !== 'object' || input === null) {
    // Stryker disable next-line StringLiteral: message text
    throw new SkeInputError('input', 'an object');
  }
  const given = input as { page?: unknown; size?: unknown };
  let page = typeof given.page === 'number' ? given.page : 0;
  let size = typeof given.size === 'number' && given.size > 0 ? given.size : undefined;
  const skipped = page * (size ?? 0);
  let read = 0;
  let previous: string | undefined;
  for (;;) {
    const { data } = await call(read === 0 ? input : { ...given, page, size }, options);
    const list = (data as Record<string, unknown> | null)?.[items] ?? [];
    if (!Array.isArray(list)) {
      // Stryker disable next-line StringLiteral: message text
      throw new ResponseFormatError(`"${items}" of the answer is not an array`);
    }
    const first = JSON.stringify(list[0]);
    if (list.length === 0 || first === previous) return;
    previous = first;
    yield* list;
    read += list.length;
    size ??= list.length;
    const count = (data as { count?: unknown }).count;
    if (list.length < size || (typeof count === 'number' && skipped + read >= count)) return;
    page += 1;
  }
}
