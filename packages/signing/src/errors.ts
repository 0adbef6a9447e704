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
