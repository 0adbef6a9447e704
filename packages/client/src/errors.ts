/**
 * Errors the SKE client raises. Each is a `SkeError` (from @scp-ske/signing, the one error model of
 * every scp-ske package) with a stable `code`; each is specific, and none carries a secret.
 */
import {
  CredentialsNotFoundError,
  type HttpReply,
  NetworkError,
  RedirectRefusedError,
  ResponseTooLargeError,
  SigningOptionError,
  SkeError,
  SkeTimeoutError,
} from '@scp-ske/signing';

/**
 * The signing package's errors, which every client call may raise too: `SigningOptionError` (a bad
 * `credentials`, `retry`, `timeoutMs`, `maxResponseBytes` or `followRedirects` option, thrown at creation),
 * `CredentialsNotFoundError`, `NetworkError`, `SkeTimeoutError` (past `timeoutMs`), `ResponseTooLargeError`
 * (over `maxResponseBytes`), `RedirectRefusedError` (with `followRedirects`, a redirect to another origin).
 */
export {
  CredentialsNotFoundError,
  NetworkError,
  RedirectRefusedError,
  ResponseTooLargeError,
  SigningOptionError,
  SkeError,
  SkeTimeoutError,
};

/** A call's argument is wrong; thrown before any network call. `argument` names it. */
export class SkeInputError extends SkeError {
  override readonly name = 'SkeInputError';
  constructor(
    readonly argument: string,
    /** What was expected, e.g. `one of "private", "public"`. */
    readonly expected: string,
  ) {
    super('ERR_SKE_INPUT', `${argument}: expected ${expected}`);
  }
}

/** The pinned API version is no longer served; `replacement` is the version to move to, `replacementPackage` its client. */
export class UnsupportedVersionError extends SkeError {
  override readonly name = 'UnsupportedVersionError';
  constructor(
    readonly apiVersion: string,
    readonly replacement: string,
    reason: string,
    readonly replacementPackage: string,
  ) {
    super(
      'ERR_SKE_UNSUPPORTED_VERSION',
      `${apiVersion} ${reason}. Move to ${replacement} (${replacementPackage}), or pass allowUnsupportedVersion: true to call it anyway.`,
    );
  }
}

interface ErrorEntry {
  code?: unknown;
  title?: unknown;
  detail?: unknown;
  status?: unknown;
  request_id?: unknown;
}

const EXCERPT_LENGTH = 200;

/** A short, printable excerpt of a non-JSON body: tags and control characters removed. */
function excerpt(body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

/** A success answer whose body is not what the spec says (JSON that does not parse); the body is never quoted. */
export class ResponseFormatError extends SkeError {
  override readonly name = 'ResponseFormatError';
  constructor(readonly reason: string) {
    super('ERR_SKE_RESPONSE_FORMAT', `The response is not what the spec describes: ${reason}`);
  }
}

/**
 * An error answer of any operation of the SKE API or its gateway, read from SCP's `{"errors":[…]}`
 * envelope: any non-2xx, and a 2xx whose body is the envelope. Its `code` is SCP's own (`NotFound`,
 * `ValidationError`, …), or `HTTP<status>` for an answer without the envelope.
 */
export class SkeApiError extends SkeError {
  override readonly name = 'SkeApiError';
  readonly status: number;
  readonly title: string;
  /** Always an array (SCP sends an array, or sometimes a plain string). */
  readonly detail: string[];
  readonly requestId: string | undefined;
  readonly apiVersion: string;
  /** For a body that is not the envelope (an HTML gateway page): a short, safe excerpt. */
  readonly bodyExcerpt: string | undefined;

  constructor(fields: Omit<SkeApiError, keyof Error | 'name'>) {
    const request = fields.requestId ? `, request ${fields.requestId}` : '';
    const detail =
      fields.detail.length > 0 ? `: ${fields.detail.join(' ')}` : fields.bodyExcerpt ? `: ${fields.bodyExcerpt}` : '';
    super(fields.code, `SKE API ${fields.status} ${fields.code}${detail} (${fields.apiVersion}${request})`);
    this.status = fields.status;
    this.title = fields.title;
    this.detail = fields.detail;
    this.requestId = fields.requestId;
    this.apiVersion = fields.apiVersion;
    this.bodyExcerpt = fields.bodyExcerpt;
  }

  /** Reads an error response's body text; never throws on a malformed body. */
  static fromResponse(response: HttpReply, body: string, apiVersion: string): SkeApiError {
    const headerRequestId = response.headers.get('x-request-id') ?? undefined;
    let entry: ErrorEntry | undefined;
    try {
      const parsed = JSON.parse(body) as { errors?: ErrorEntry[] };
      entry = Array.isArray(parsed?.errors) ? parsed.errors[0] : undefined;
    } catch {
      entry = undefined;
    }
    if (!entry) {
      return new SkeApiError({
        status: response.status,
        code: `HTTP${response.status}`,
        title: response.statusText || `HTTP ${response.status}`,
        detail: [],
        requestId: headerRequestId,
        apiVersion,
        bodyExcerpt: excerpt(body) || undefined,
      });
    }
    return entryError(response, entry, response.status, apiVersion);
  }
}

/** The error an envelope's first entry reports, with `status`. */
function entryError(response: HttpReply, entry: ErrorEntry, status: number, apiVersion: string): SkeApiError {
  const detail = Array.isArray(entry.detail)
    ? entry.detail.map(String)
    : entry.detail == null
      ? []
      : [String(entry.detail)];
  return new SkeApiError({
    status,
    code: typeof entry.code === 'string' ? entry.code : `HTTP${status}`,
    title: typeof entry.title === 'string' ? entry.title : response.statusText,
    detail,
    requestId:
      typeof entry.request_id === 'string' ? entry.request_id : (response.headers.get('x-request-id') ?? undefined),
    apiVersion,
    bodyExcerpt: undefined,
  });
}

/**
 * A success body read as SCP's error envelope: its first error when `data` (parsed JSON, or text that
 * parses as JSON; a kubeconfig's YAML fails at its first character) is `{"errors":[{"code":"…",…},…]}`,
 * an object whose `errors` is an array whose first entry has a string `code`; undefined for any other
 * body. No success schema of the API has `errors`.
 */
/** Text whose first character other than white space opens a JSON object. */
const JSON_OBJECT = /^[\s\uFEFF]*\{/;

function envelopeEntry(data: unknown): ErrorEntry | undefined {
  let value = data;
  // Only text that opens an object can be the envelope: a kubeconfig's YAML is never given to JSON.parse,
  // whose error for it costs more than the rest of the call.
  if (typeof data === 'string' && JSON_OBJECT.test(data)) {
    try {
      value = JSON.parse(data);
    } catch {
      // Not JSON: the text itself, which has no `errors`.
    }
  }
  const errors = (value as { errors?: unknown } | null)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  return typeof first === 'object' && first !== null && typeof (first as ErrorEntry).code === 'string'
    ? (first as ErrorEntry)
    : undefined;
}

/**
 * The `SkeApiError` a 2xx answer reports when its body is SCP's error envelope (a gateway or service
 * that answers an error with 200), else undefined. Its status is the envelope's own (a whole number
 * from 400 to 599), else the answer's.
 */
export function successEnvelopeError(response: HttpReply, data: unknown, apiVersion: string): SkeApiError | undefined {
  const entry = envelopeEntry(data);
  if (entry === undefined) return undefined;
  const own = entry.status;
  const status =
    Number.isInteger(own) && (own as number) >= 400 && (own as number) <= 599 ? (own as number) : response.status;
  return entryError(response, entry, status, apiVersion);
}

/**
 * Whether `error` is an answer of the SKE API (`SkeApiError`), with `status` when given: the idiom to act on
 * one (`isSkeApiError(error, 404)`: not found; 403: the key lacks the IAM action; 401: the signature or the
 * keys were refused). Its `code` is SCP's own (`NotFound`, `Forbidden`, …), its `requestId` what to quote to SCP.
 */
export function isSkeApiError(error: unknown, status?: number): error is SkeApiError {
  return error instanceof SkeApiError && (status === undefined || error.status === status);
}
