/**
 * The one runtime that turns a version's operation table into methods (as octokit's endpoint
 * methods do): each method checks its arguments and its options (`signal`, `timeoutMs`, `maxRetries`,
 * `headers`, `onAttempt`, over the client's), sends one signed request with the version header, and
 * resolves to `{ data, status, requestId, apiVersion }`: the body parsed as JSON when the spec says JSON,
 * else as text. Any non-2xx answer is a `SkeApiError`, and so is a 2xx whose body is SCP's error envelope.
 */
import { createSignedGet } from '@scp-ske/signing';
import type { VersionConnection } from './connect-version.js';
import { ResponseFormatError, SkeApiError, SkeInputError, successEnvelopeError } from './errors.js';
import type { CallOptions, OperationSpec, OperationTable, SkeResponse } from './operation.js';
import { requestTarget } from './request-target.js';

export type OperationCall = (input?: unknown, options?: CallOptions) => Promise<SkeResponse<unknown>>;

const isJson = (contentType: string) => /[/+]json\b/i.test(contentType);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ResponseFormatError('the body is not JSON');
  }
}

const CALL_OPTIONS = ['signal', 'timeoutMs', 'maxRetries', 'headers', 'onAttempt'];

/** A call's options, checked: known keys, and an `AbortSignal` (the numbers are the signing's to check). */
function checkOptions(options: CallOptions = {}): CallOptions {
  for (const key of Object.keys(options))
    if (!CALL_OPTIONS.includes(key)) {
      // Stryker disable next-line StringLiteral: message text
      const expected = `one of ${CALL_OPTIONS}`;
      throw new SkeInputError(`options.${key}`, expected);
    }
  if (options.signal && !(options.signal instanceof AbortSignal))
    throw new SkeInputError(
      'options.signal',
      // Stryker disable next-line StringLiteral: message text
      'an AbortSignal',
    );
  return options;
}

/** One method per operation of `table`, all sending through one signed transport. */
export function operationMethods(
  table: OperationTable,
  { baseUrl, signing, versionHeader, signal: clientSignal, telemetry }: VersionConnection,
  apiVersion: string,
): Record<string, OperationCall> {
  // The version header goes with every request: given once, not merged into each call's headers.
  const send = createSignedGet({ ...signing, headers: versionHeader });
  const methodOf = (operation: OperationSpec): OperationCall => {
    const json = isJson(operation.success.contentType);
    return async (input, options) => {
      const target = requestTarget(operation, input);
      const own = checkOptions(options);
      const signals = [target.signal, own.signal, clientSignal].filter((given) => given !== undefined);
      // The call's own timeoutMs, maxRetries and onAttempt go as they are (checked by the signing).
      const reply = await send(`${baseUrl}${target.pathAndQuery}`, {
        ...own,
        method: operation.method,
        headers: own.headers ? { ...target.headers, ...own.headers } : target.headers,
        body: target.body,
        signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
      });
      const body = await reply.text();
      if (!reply.ok) throw SkeApiError.fromResponse(reply, body, apiVersion);
      const data = json ? parseJson(body) : body;
      const failure = successEnvelopeError(reply, data, apiVersion);
      if (failure) throw failure;
      return {
        data,
        status: reply.status,
        requestId: reply.headers.get('x-request-id') ?? undefined,
        apiVersion,
      };
    };
  };
  return Object.fromEntries(
    Object.entries(table).map(([id, operation]) => {
      const call = methodOf(operation);
      // With logging or tracing on, each call goes through them (loaded on the first call).
      const watched: OperationCall = async (input, options) =>
        (await (telemetry as NonNullable<typeof telemetry>)()).watch(id, operation.method, call, input, options);
      return [id, telemetry ? watched : call];
    }),
  );
}
