/**
 * SCP credentials and where they come from: a memoized provider chain, explicit keys → environment
 * (SCP_ACCESS_KEY, SCP_SECRET_KEY, SCP_ACCOUNT_ID) → ~/.scpconf/credentials.json (the file SCP's
 * official tooling reads; SCP_CONFIG_DIR moves it) → a custom async provider. A credentials object
 * never shows its secret key: not through toString, JSON.stringify, util.inspect, nor in an error.
 * Outside Node (the build without node:fs) no file is read, and the environment only where there is
 * a `process.env` (workerd with nodejs_compat): pass credentials or a provider there.
 */
import { CredentialsNotFoundError, describeValue, SigningOptionError } from './errors.js';
import { environment, homedir, join, readText } from './platform-files.js';

/** Keys as a caller or a custom provider hands them over. */
export interface CredentialValues {
  accessKey: string;
  secretKey: string;
  accountId?: string | undefined;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Resolved credentials. The secret key is readable only through `secretKey`, never printed. */
export class ScpCredentials {
  readonly accessKey: string;
  readonly accountId: string | undefined;
  /** Where the keys came from, e.g. `environment` or the file's path. */
  readonly source: string;
  readonly #secretKey: string;

  constructor(values: CredentialValues, source: string) {
    if (values === null || typeof values !== 'object') {
      throw new SigningOptionError(
        'credentials',
        'keys { accessKey, secretKey, accountId? }',
        `${describeValue(values)} (from ${source})`,
      );
    }
    for (const option of ['accessKey', 'secretKey'] as const) {
      const value: unknown = values[option];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new SigningOptionError(
          `credentials.${option}`,
          'a non-empty string',
          `${describeValue(value)} (from ${source})`,
        );
      }
    }
    if (values.accountId !== undefined && typeof values.accountId !== 'string') {
      throw new SigningOptionError(
        'credentials.accountId',
        // Stryker disable next-line StringLiteral: message text
        'a string',
        describeValue(values.accountId),
      );
    }
    this.accessKey = values.accessKey;
    this.#secretKey = values.secretKey;
    this.accountId = values.accountId || undefined;
    this.source = source;
  }

  get secretKey(): string {
    return this.#secretKey;
  }

  toString(): string {
    return `ScpCredentials { accessKey: '${this.accessKey}', secretKey: '[redacted]', source: '${this.source}' }`;
  }

  toJSON(): Record<string, string | undefined> {
    return { accessKey: this.accessKey, secretKey: '[redacted]', accountId: this.accountId, source: this.source };
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/** Gives credentials, or a sentence saying why it has none. */
export type CredentialSource = () => Promise<ScpCredentials | string>;

/** A custom async provider: resolves keys, or undefined to let the chain report it found none. */
export type CredentialProvider = () => Promise<CredentialValues | undefined>;

/** Explicit keys, a resolved credentials object, or a custom provider. */
export type CredentialsInput = CredentialValues | ScpCredentials | CredentialProvider;

export interface CredentialChainOptions {
  credentials?: CredentialsInput | undefined;
  /** Defaults to `process.env` (where the runtime has one). */
  env?: Record<string, string | undefined>;
  /** Defaults to `os.homedir()` (Node's build only: the other reads no file). */
  homeDir?: string;
}

export function fromEnvironment(env: Record<string, string | undefined>): CredentialSource {
  return async () => {
    const accessKey = env.SCP_ACCESS_KEY;
    const secretKey = env.SCP_SECRET_KEY;
    if (!accessKey && !secretKey) return 'environment: SCP_ACCESS_KEY and SCP_SECRET_KEY are not set';
    if (!accessKey) return 'environment: SCP_SECRET_KEY is set but SCP_ACCESS_KEY is not';
    if (!secretKey) return 'environment: SCP_ACCESS_KEY is set but SCP_SECRET_KEY is not';
    return new ScpCredentials({ accessKey, secretKey, accountId: env.SCP_ACCOUNT_ID }, 'environment');
  };
}

/** Path of SCP's credentials file: `$SCP_CONFIG_DIR/credentials.json`, else `~/.scpconf/credentials.json`. */
export function credentialsFilePath(env: Record<string, string | undefined>, homeDir: string): string {
  return join(env.SCP_CONFIG_DIR || join(homeDir, '.scpconf'), 'credentials.json');
}

/** SCP's credentials file at `path`. Outside Node (the build without node:fs) it is never read, and says so. */
export function fromCredentialsFile(path: string): CredentialSource {
  return async () => {
    let text: string;
    try {
      text = await readText(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return `file ${path}: ${code === 'ENOENT' ? 'not found' : `not readable (${code ?? 'error'})`}`;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // The parser's message quotes the file's text, which holds the secret: say only what is wrong.
      return `file ${path}: not valid JSON`;
    }
    const record = (data ?? {}) as Record<string, unknown>;
    const accessKey = record['access-key'];
    const secretKey = record['secret-key'];
    if (typeof accessKey !== 'string' || !accessKey || typeof secretKey !== 'string' || !secretKey) {
      return `file ${path}: no "access-key" and "secret-key" strings`;
    }
    const accountId = typeof record['account-id'] === 'string' ? record['account-id'] : undefined;
    return new ScpCredentials({ accessKey, secretKey, accountId }, path);
  };
}

function fromProvider(provider: CredentialProvider): CredentialSource {
  return async () => {
    const values = await provider();
    return values === undefined
      ? 'custom provider: returned no credentials'
      : new ScpCredentials(values, 'custom provider');
  };
}

/**
 * Refuses a `credentials` option that is none of the accepted kinds (an `'AK:SK'` string, a number,
 * null, an array…), so that it is never mistaken for "not given" and replaced by other keys. The
 * error describes the value's type only: the value may be a secret.
 */
function checkCredentialsInput(credentials: unknown): void {
  if (credentials === undefined || typeof credentials === 'function') return;
  if (credentials !== null && typeof credentials === 'object' && !Array.isArray(credentials)) return;
  throw new SigningOptionError(
    'credentials',
    'keys { accessKey, secretKey, accountId? }, an ScpCredentials or an async provider function',
    describeValue(credentials),
  );
}

/**
 * The default chain. Explicit keys win; a custom provider is asked last. The first success is
 * memoized (concurrent callers share one lookup); a failure is not, so a later call looks again.
 * A `credentials` option of any other kind throws `SigningOptionError` at once.
 */
export function createCredentialChain(options: CredentialChainOptions = {}): () => Promise<ScpCredentials> {
  const { credentials } = options;
  checkCredentialsInput(credentials);
  if (credentials instanceof ScpCredentials) return async () => credentials;
  if (credentials !== undefined && typeof credentials === 'object') {
    const explicit = new ScpCredentials(credentials, 'explicit credentials');
    return async () => explicit;
  }
  const env = options.env ?? environment();
  // A caller's own provider is the only source, as explicit keys are: it never yields to other keys.
  const sources: CredentialSource[] =
    typeof credentials === 'function'
      ? [fromProvider(credentials)]
      : [
          async () => 'explicit credentials: not given',
          fromEnvironment(env),
          fromCredentialsFile(credentialsFilePath(env, options.homeDir ?? homedir())),
        ];
  let pending: Promise<ScpCredentials> | undefined;
  const resolve = async () => {
    const tried: string[] = [];
    for (const source of sources) {
      const result = await source();
      if (result instanceof ScpCredentials) return result;
      tried.push(result);
    }
    throw new CredentialsNotFoundError(tried);
  };
  return () => {
    pending ??= resolve().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
