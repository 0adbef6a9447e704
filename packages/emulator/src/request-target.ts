/**
 * The path and query of a request target as the URL standard reads them (what routing and the
 * parameters see): origin-form targets are paths, even one like `//a` that URL would read as a host;
 * an absolute-form target (`http://host/v1/…`) is read as the URL it is. A plain origin-form target
 * (path of letters, digits, `-`, `_`, `~` and `/`; a query without `#`, spaces, quotes or brackets),
 * which is every target a client builds from the spec, is split at `?` directly: URL would return
 * both parts unchanged. Any other target (dot segments, escapes, backslashes…) goes through URL.
 */

export interface RequestTarget {
  pathname: string;
  /** The query with its `?` ('' when there is none), as URL's `search`: for URLSearchParams, which drops one `?`. */
  search: string;
}

const PLAIN = /^\/[A-Za-z0-9_~/-]*(?:\?[A-Za-z0-9_~/.\-=&+,:;!$*()@?%]*)?$/;

/** The target's path and query, or undefined when it is not a valid path or URL. */
export function readTarget(target: string): RequestTarget | undefined {
  if (PLAIN.test(target)) {
    const mark = target.indexOf('?');
    return mark === -1
      ? { pathname: target, search: '' }
      : { pathname: target.slice(0, mark), search: target.slice(mark) };
  }
  let url: URL;
  try {
    url = new URL(target.startsWith('/') ? `http://emulator.invalid${target}` : target);
  } catch {
    return undefined;
  }
  return { pathname: url.pathname, search: url.search };
}
