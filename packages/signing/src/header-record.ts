/**
 * Headers as `fetch` takes them (a `Headers`, a record, or name/value pairs), read into one record
 * with lower-case names, so that signing headers replace, never duplicate, a caller's own.
 */

/** Headers as `fetch` takes them: a `Headers`, a record, or name/value pairs. */
export type HeadersLike = RequestInit['headers'];

/** A caller's headers as a record with lower-case names (so signing headers replace, never duplicate, its own). */
export function headerRecord(init: HeadersLike | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((value, name) => {
      record[name] = value;
    });
  } else if (init) {
    for (const name of Object.keys(init)) record[name.toLowerCase()] = (init as Record<string, string>)[name] as string;
  }
  return record;
}
