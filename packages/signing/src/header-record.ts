/**
 * Headers as `fetch` takes them (a `Headers`, a record, or name/value pairs), read into one record
 * with lower-case names, so that signing headers replace, never duplicate, a caller's own.
 */

/** Headers as `fetch` takes them: a `Headers`, a record, or name/value pairs. */
export type HeadersLike = RequestInit['headers'];

/**
 * A caller's headers as a record with lower-case names (so signing headers replace, never duplicate,
 * its own). A plain record is read as it is: touching the `Headers` global loads Node's fetch
 * implementation, tens of milliseconds of a command-line tool's start.
 */
export function headerRecord(init: HeadersLike | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init === undefined || init === null) return record;
  const prototype = Object.getPrototypeOf(init);
  if (!Array.isArray(init) && (prototype === Object.prototype || prototype === null)) {
    for (const name of Object.keys(init)) record[name.toLowerCase()] = (init as Record<string, string>)[name] as string;
    return record;
  }
  new Headers(init as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
