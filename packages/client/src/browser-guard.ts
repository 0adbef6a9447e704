/**
 * A secret key in a browser is a leak: anyone who opens the page can read it. So a client refuses to
 * be created in a browser unless its caller says, by an option named so that nobody sets it by
 * accident, that this page is a trusted internal tool (behind a proxy that adds the signature, or
 * used only by the key's owner). Node, Bun, Deno and Workers have no `window` and `document` pair.
 */
import { SkeError } from '@scp-ske/signing';

/** A client was created in a browser without `dangerouslyAllowBrowser: true`. */
export class BrowserNotAllowedError extends SkeError {
  override readonly name = 'BrowserNotAllowedError';
  constructor() {
    super(
      'ERR_SKE_BROWSER_NOT_ALLOWED',
      'In a browser, an SCP secret key can be read by anyone who opens the page: sign on a server, or pass ' +
        'dangerouslyAllowBrowser: true for a trusted internal tool.',
    );
  }
}

/** Whether this code runs in a web page (a `window` with a `document`; not a worker, Node, Bun or Deno). */
export function inBrowser(scope: object = globalThis): boolean {
  const { window, document } = scope as { window?: unknown; document?: unknown };
  return typeof window === 'object' && window !== null && typeof document === 'object' && document !== null;
}

/** Throws `BrowserNotAllowedError` in a browser unless the caller opted in. */
export function checkBrowser(dangerouslyAllowBrowser: boolean | undefined, scope?: object): void {
  if (dangerouslyAllowBrowser !== true && inBrowser(scope)) throw new BrowserNotAllowedError();
}
