/**
 * The one error model of the scp-ske packages: every error they throw is a `SkeError` with a stable
 * `code` to match on (or match on the class); the message is for people. None carries a secret key.
 */

/**
 * The base of every error the scp-ske packages throw. `code` is stable: `ERR_SKE_*` for the
 * packages' own errors, and SCP's own error code (`NotFound`, `ValidationError`, …) for an API error.
 */
export class SkeError extends Error {
  override readonly name: string = 'SkeError';
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An option or input had the wrong value; `option` names it. Thrown before any network call. */
export class SigningOptionError extends SkeError {
  override readonly name = 'SigningOptionError';
  constructor(
    readonly option: string,
    expected: string,
    received?: string,
  ) {
    super(
      'ERR_SKE_SIGNING_OPTION',
      `${option}: expected ${expected}${received === undefined ? '' : `, received ${received}`}`,
    );
  }
}

/** No credential provider yielded keys; `tried` says what every provider found. */
export class CredentialsNotFoundError extends SkeError {
  override readonly name = 'CredentialsNotFoundError';
  constructor(readonly tried: readonly string[]) {
    super(
      'ERR_SKE_CREDENTIALS_NOT_FOUND',
      `No SCP credentials found. Looked in:\n${tried.map((place) => `  - ${place}`).join('\n')}\n` +
        'Set SCP_ACCESS_KEY and SCP_SECRET_KEY, or write ~/.scpconf/credentials.json ({"access-key": "…", "secret-key": "…"}).',
    );
  }
}

/** A short, safe description of a value for an error message: its type, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `a string of ${value.length} characters`;
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The connection failed (refused, reset, closed mid-answer, TLS, a rejected `fetch`): `cause` is the
 * underlying error, `reason` its code where it has one (`ECONNRESET`, `Z_DATA_ERROR`).
 */
export class NetworkError extends SkeError {
  override readonly name = 'NetworkError';
  readonly reason: string | undefined;
  constructor(method: string, url: string, cause: unknown) {
    // fetch's own TypeError carries the system error as its cause.
    type Coded = { code?: unknown; cause?: { code?: unknown } } | null;
    const code = (cause as Coded)?.code ?? (cause as Coded)?.cause?.code;
    const reason = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
    super('ERR_SKE_NETWORK', `network error: ${reason} (${method} ${new URL(url).origin})`, { cause });
    this.reason = typeof code === 'string' ? code : undefined;
  }
}

/** `METHOD origin` of a call, for a message: never its path or query, which may carry data. */
function callOf(method: string, url: string): string {
  return `${method} ${new URL(url).origin}`;
}

/**
 * An answer's body was longer than `limit` bytes, counted after decoding (gzip, deflate, br): the call
 * stopped reading it there and closed the connection. `limit` is the `maxResponseBytes` option.
 */
export class ResponseTooLargeError extends SkeError {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    /** The limit passed, in bytes: the `maxResponseBytes` option. */
    readonly limit: number,
    method: string,
    url: string,
  ) {
    super(
      'ERR_SKE_RESPONSE_TOO_LARGE',
      // Stryker disable next-line StringLiteral: message text
      `the answer to ${callOf(method, url)} is larger than ${limit} bytes (decoded), the maxResponseBytes option; it was not read further`,
    );
  }
}

/**
 * A call took longer than its deadline, `timeoutMs` (the option of that name): retries, their waits
 * and reading the answer included. A caller's own `signal` aborts with its own reason instead.
 */
export class SkeTimeoutError extends SkeError {
  override readonly name = 'SkeTimeoutError';
  constructor(
    /** The deadline passed, in milliseconds: the `timeoutMs` option. */
    readonly timeoutMs: number,
    method: string,
    url: string,
  ) {
    super(
      'ERR_SKE_TIMEOUT',
      // Stryker disable next-line StringLiteral: message text
      `${callOf(method, url)} took longer than its deadline of ${timeoutMs} ms, the timeoutMs option (retries and reading the answer included)`,
    );
  }
}

/** Why a redirect was not followed: see `RedirectRefusedError`. */
export type RedirectRefusal = 'other-origin' | 'too-many-redirects' | 'stream-body';

/**
 * A redirect that `followRedirects: true` does not follow: one to another origin (scheme, host or port)
 * or to a URL with a user name or password (`other-origin`: signing headers never leave the origin
 * the request was made for), one more than `MAX_REDIRECTS` (`too-many-redirects`), or one that would
 * send a streamed body again (`stream-body`). `status` is the redirect's; the message names origins only.
 */
export class RedirectRefusedError extends SkeError {
  override readonly name = 'RedirectRefusedError';
  constructor(
    /** Why it was not followed. */
    readonly reason: RedirectRefusal,
    /** The redirect's status: 301, 302, 303, 307 or 308. */
    readonly status: number,
    method: string,
    url: string,
    target: URL,
  ) {
    const why =
      reason === 'other-origin'
        ? target.username === '' && target.password === ''
          ? `it leads to another origin, ${target.origin}, and signing headers are only sent to the origin a request was made for`
          : 'it leads to a URL with a user name or password'
        : reason === 'too-many-redirects'
          ? 'too many redirects in a row'
          : 'the request body is a stream, which cannot be sent again';
    super('ERR_SKE_REDIRECT_REFUSED', `refused to follow a ${status} redirect of ${callOf(method, url)}: ${why}`);
  }
}
