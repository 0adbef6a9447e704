/**
 * The one runtime that turns a version's operation table into methods (as octokit's endpoint
 * methods do): each method checks its arguments, sends one signed request with the version header,
 * and resolves to `{ data, status, requestId, apiVersion }`: the body parsed as JSON when the spec
 * says JSON, else as text. Any non-2xx answer is a `SkeApiError`, and so is a 2xx whose body is SCP's
 * error envelope.
 */
import { createSignedGet } from '@scp-ske/signing';
import type { VersionConnection } from './connect-version.js';
import { ResponseFormatError, SkeApiError, successEnvelopeError } from './errors.js';
import type { OperationSpec, OperationTable, SkeResponse } from './operation.js';
import { requestTarget } from './request-target.js';

export type OperationCall = (input?: unknown) => Promise<SkeResponse<unknown>>;

const isJson = (contentType: string) => /[/+]json\b/i.test(contentType);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ResponseFormatError('the body is not JSON');
  }
}

/** One method per operation of `table`, all sending through one signed transport. */
export function operationMethods(
  table: OperationTable,
  { baseUrl, signing, versionHeader }: VersionConnection,
  apiVersion: string,
): Record<string, OperationCall> {
  // The version header goes with every request: given once, not merged into each call's headers.
  const send = createSignedGet({ ...signing, headers: versionHeader });
  const methodOf = (operation: OperationSpec): OperationCall => {
    const json = isJson(operation.success.contentType);
    return async (input) => {
      const target = requestTarget(operation, input);
      const reply = await send(`${baseUrl}${target.pathAndQuery}`, {
        method: operation.method,
        headers: target.headers,
        body: target.body,
        signal: target.signal,
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
  return Object.fromEntries(Object.entries(table).map(([id, operation]) => [id, methodOf(operation)]));
}
