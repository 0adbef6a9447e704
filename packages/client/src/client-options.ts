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
  retry?: RetryOptions;
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
}
