/** The options every SKE client takes, whichever version and whichever entry (`createSkeClient`, `createRawClient`). */
import type { AttemptEvent, CredentialsInput, RetryOptions } from '@scp-ske/signing';

export interface SkeClientOptions {
  /** Keys, an `ScpCredentials`, or an async provider. Default: SCP_ACCESS_KEY/SCP_SECRET_KEY, then ~/.scpconf/credentials.json. */
  credentials?: CredentialsInput;
  /** e.g. `kr-west1`; with `environment`, picks the regional endpoint. */
  region?: string;
  /** `s`, `g` or `e`. */
  environment?: string;
  /** Explicit base URL (an emulator, a proxy); wins over region and environment. */
  endpoint?: string;
  /** `Accept-Language`: `en-US` (default) or `ko-KR`. */
  language?: string;
  /**
   * Retries (`@scp-ske/signing`'s `RetryOptions`): a safe method (GET, HEAD) after a network error or a 429, 500,
   * 502, 503, 504; any other method only when it certainly did not reach the service (connection refused) or the
   * service says it did nothing (429 or 503 with `Retry-After`).
   */
  retry?: RetryOptions;
  /**
   * The deadline of a whole call in milliseconds: every attempt, the waits between them and reading the answer.
   * Past it the call fails with `SkeTimeoutError` (`ERR_SKE_TIMEOUT`). Default 60000 (one minute).
   */
  timeoutMs?: number;
  /**
   * The largest answer read, in bytes, counted after decoding (gzip, deflate, br): one byte more and the call fails
   * with `ResponseTooLargeError` (`ERR_SKE_RESPONSE_TOO_LARGE`), the connection closed. Default 16 MiB (16777216).
   */
  maxResponseBytes?: number;
  /**
   * Follow a redirect to the same origin, signed afresh for its URL; one to another origin fails with
   * `RedirectRefusedError` (`ERR_SKE_REDIRECT_REFUSED`) and the signing headers never go there. Default false: a
   * redirect is not followed (`createSkeClient`'s methods raise it as a `SkeApiError`, the raw client answers it).
   */
  followRedirects?: boolean;
  /**
   * Carries every request when given (to intercept or instrument them). Default: `getUserKubeconfig`
   * goes over Node's own HTTP client (keep-alive), the raw client over `globalThis.fetch`.
   */
  fetch?: (input: Request | string, init?: RequestInit) => Promise<Response>;
  /** Clock in epoch milliseconds, for signing and the lifecycle check. Default `Date.now`. */
  now?: () => number;
  /** Call a version that is no longer served anyway (the gateway will most likely answer 406). */
  allowUnsupportedVersion?: boolean;
  /**
   * Create the client in a browser anyway. A secret key in a web page can be read by anyone who opens it: only
   * for a trusted internal tool (behind a proxy that signs, or used by the key's owner alone). Default: a
   * client created in a browser throws `BrowserNotAllowedError`.
   */
  dangerouslyAllowBrowser?: boolean;
  /** Per-attempt hook for logging; redact headers with `redactedHeaders` from @scp-ske/signing. */
  onAttempt?: (event: AttemptEvent) => void;
  /** Stops every call of this client (each call's own `signal` too). */
  signal?: AbortSignal;
  /** Retries after the first attempt, every call (a call's own `maxRetries` wins); short for `retry.maxRetries`. Default 2. */
  maxRetries?: number;
  /** Headers sent with every call (a call's own `headers` win; the signing and version headers are the client's own). */
  headers?: Record<string, string>;
  /**
   * Where log lines go: anything with `debug`, `info`, `warn` and `error` methods. Default `console` when a
   * `logLevel` (or `SCP_SKE_LOG`) asks for lines. Lines never carry credentials, signatures or headers.
   */
  logger?: SkeLogger;
  /**
   * `off`, `error`, `warn`, `info` or `debug`. Default: the `SCP_SKE_LOG` environment variable where there is a
   * `process`, else `info` when a `logger` is given, else `off`. One line per attempt (`debug` for an answer,
   * `warn` for an attempt retried, `error` for a call that fails on a network error, a time-out or a 5xx).
   */
  logLevel?: LogLevel;
  /**
   * One OpenTelemetry span per call (from `@opentelemetry/api`, an optional peer dependency, loaded on the first
   * call). Default: on when the `SCP_SKE_TRACING` environment variable is `1`, `true` or `on`, else off.
   */
  tracing?: boolean;
}

/** How much a client logs. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** A console-like logger: `console` is one. */
export interface SkeLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
