/** Errors of the signing package. None of them ever carries a secret key. */

/** An option or input had the wrong value; `option` names it. Thrown before any network call. */
export class SigningOptionError extends TypeError {
  override readonly name = 'SigningOptionError';
  constructor(
    readonly option: string,
    expected: string,
    received?: string,
  ) {
    super(`${option}: expected ${expected}${received === undefined ? '' : `, received ${received}`}`);
  }
}

/** No credential provider yielded keys; `tried` says what every provider found. */
export class CredentialsNotFoundError extends Error {
  override readonly name = 'CredentialsNotFoundError';
  constructor(readonly tried: readonly string[]) {
    super(
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
  return typeof value;
}
