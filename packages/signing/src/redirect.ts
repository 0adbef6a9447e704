/**
 * Which redirect a signed call follows when asked to (`followRedirects: true`), and where to: the
 * statuses fetch follows, to the same origin only (a signature covers one exact URL, and signing
 * headers are never sent to another origin), with fetch's method rewrites, at most `MAX_REDIRECTS`
 * in a row. The request is then signed afresh for the new URL.
 */
import { RedirectRefusedError } from './errors.js';

/** The statuses of a redirect, as fetch follows them. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** The most redirects followed in one call, as fetch allows. */
export const MAX_REDIRECTS = 20;

/** The request being redirected: what it was sent as, and whether its body can be sent again. */
export interface Redirected {
  method: string;
  url: string;
  replayable: boolean;
}

/**
 * Where an answer redirects `from` to: the absolute URL and the method to send it with (303, and
 * 301 or 302 to a POST, become GET without a body, as fetch does); undefined when the answer is not a
 * redirect to follow (another status, no `Location`, one that is not a URL); a `RedirectRefusedError`
 * when it must not be followed. `followed` is how many were followed before it.
 */
export function redirectTarget(
  status: number,
  location: string | null,
  from: Redirected,
  followed: number,
): { url: string; method: string } | RedirectRefusedError | undefined {
  if (!REDIRECT_STATUSES.has(status) || location === null) return undefined;
  let target: URL;
  try {
    target = new URL(location, from.url);
  } catch {
    return undefined;
  }
  const refuse = (reason: RedirectRefusedError['reason']) =>
    new RedirectRefusedError(reason, status, from.method, from.url, target);
  if (target.origin !== new URL(from.url).origin || target.username !== '' || target.password !== '') {
    return refuse('other-origin');
  }
  if (followed >= MAX_REDIRECTS) return refuse('too-many-redirects');
  const toGet = status === 303 ? from.method !== 'HEAD' : status <= 302 && from.method === 'POST';
  if (!toGet && !from.replayable) return refuse('stream-body');
  return { url: target.href, method: toGet ? 'GET' : from.method };
}
