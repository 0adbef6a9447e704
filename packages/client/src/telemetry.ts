/**
 * Logging and tracing of calls, loaded on a client's first call and only when asked for (`logLevel`,
 * `SCP_SKE_LOG`, `tracing`). One log line per attempt: the operation, the API version, the answer's status
 * (or the failure's code), the request id, how long the attempt took, and why another attempt follows.
 * Never a header, a URL's query, a body, a credential or a signature. With tracing, one OpenTelemetry span
 * per call, through the tracer provider the application's OpenTelemetry SDK registered (without one,
 * tracing does nothing).
 */
import type { LogLevel, SkeClientOptions } from './client-options.js';
import { SkeInputError } from './errors.js';
import type { CallOptions, SkeResponse } from './operation.js';
import type { OperationCall } from './operation-methods.js';

/** Sends one call through the logging and tracing. */
export interface Telemetry {
  watch(
    operationId: string,
    method: string,
    call: OperationCall,
    input: unknown,
    options: CallOptions | undefined,
  ): Promise<SkeResponse<unknown>>;
}

/** The parts of `@opentelemetry/api` used here. */
interface Span {
  setAttribute(key: string, value: string | number): void;
  recordException(exception: Error): void;
  setStatus(status: { code: number; message?: string }): void;
  end(): void;
}
interface OpenTelemetry {
  trace: { getTracer(name: string): { startSpan(name: string, options: object): Span } };
}

/**
 * Where `@opentelemetry/api` 1.x keeps what an OpenTelemetry SDK registers (`trace.setGlobalTracerProvider`),
 * shared by every copy of the API in a process. Read there rather than imported: no module to resolve for a
 * bundler (a Worker refuses a dynamic import of a name known only at run time), none to load, and it is the
 * SDK the application set up that gets the spans.
 */
const OPEN_TELEMETRY_API = Symbol.for('opentelemetry.js.api.1');

/** The tracer provider an OpenTelemetry SDK registered in this process, else undefined (tracing then does nothing). */
export function registeredTracerProvider(): OpenTelemetry['trace'] | undefined {
  const registry = (globalThis as { [key: symbol]: Partial<OpenTelemetry> | undefined })[OPEN_TELEMETRY_API];
  return registry?.trace;
}

/** Why an attempt failed, in a word: an error's code (`ERR_SKE_NETWORK`, `ECONNRESET`) or its name. */
function failureOf(error: unknown): string {
  const { code, reason, name } = (error ?? {}) as { code?: unknown; reason?: unknown; name?: unknown };
  return [code, reason].filter((part) => typeof part === 'string').join(' ') || String(name ?? 'error');
}

/** Levels by rank: 1 error, 2 warn, 3 info, 4 debug (0 is off). */
const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** `SCP_SKE_LOG`, `SCP_SKE_TRACING` where there is a `process`. */
const environment = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/**
 * The telemetry of a client of `apiVersion`: lines at the level (`logLevel`, else `SCP_SKE_LOG`, else `info` with a
 * `logger`) and below to `logger` (default `console`), and spans when tracing (`tracing`, else `SCP_SKE_TRACING`
 * `1`, `true` or `on`). Throws `SkeInputError` for a level that is none of `LEVELS` (before the call's request).
 */
export async function createTelemetry(
  options: Pick<SkeClientOptions, 'logLevel' | 'logger' | 'tracing'>,
  apiVersion: string,
): Promise<Telemetry> {
  const { logger = console } = options;
  const level = options.logLevel ?? environment('SCP_SKE_LOG') ?? (options.logger ? 'info' : 'off');
  const tracing = options.tracing ?? environment('SCP_SKE_TRACING');
  const rank = LEVELS.indexOf(level.toLowerCase() as LogLevel);
  if (rank < 0) {
    // Stryker disable next-line StringLiteral: message text
    const expected = `one of ${LEVELS.join(', ')} (SCP_SKE_LOG too)`;
    throw new SkeInputError('logLevel', expected);
  }
  const traced = tracing === true || /^(1|true|on)$/i.test(String(tracing));
  const tracer = traced ? registeredTracerProvider()?.getTracer('@scp-ske/client') : undefined;
  const log = (at: number, line: string) => {
    if (at <= rank) logger[LEVELS[at] as 'debug'](line);
  };
  return {
    async watch(operationId, method, call, input, options) {
      const span = tracer?.startSpan(`ske ${operationId}`, {
        kind: 2, // SpanKind.CLIENT
        attributes: {
          'scp.ske.operation': operationId,
          'scp.ske.api_version': apiVersion,
          'http.request.method': method,
        },
      });
      let since = Date.now();
      const onAttempt = options?.onAttempt;
      const end = (error: unknown, status: number | undefined, requestId: string | undefined) => {
        if (!span) return;
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        if (requestId) span.setAttribute('scp.ske.request_id', requestId);
        if (error !== undefined) {
          span.setAttribute('error.type', failureOf(error));
          if (error instanceof Error) span.recordException(error);
          span.setStatus({ code: 2 }); // SpanStatusCode.ERROR
        }
        span.end();
      };
      try {
        const response = await call(input, {
          ...options,
          onAttempt(event) {
            const took = Date.now() - since;
            since = Date.now();
            const { response, error, retry } = event;
            const requestId = response?.headers.get('x-request-id');
            const outcome = response ? String(response.status) : failureOf(error);
            const retrying = retry ? `; retrying (${retry.reason}) in ${retry.delayMs} ms` : '';
            const failed = !retry && (error !== undefined || (response?.status ?? 0) >= 500);
            log(
              retry ? 2 : failed ? 1 : 4,
              `[scp-ske] ${operationId} (${apiVersion}) attempt ${event.attempt}: ${outcome} in ${took} ms` +
                `${requestId ? `, request ${requestId}` : ''}${retrying}`,
            );
            span?.setAttribute('http.request.resend_count', event.attempt - 1);
            onAttempt?.(event);
          },
        });
        end(undefined, response.status, response.requestId);
        return response;
      } catch (error) {
        const { status, requestId } = error as { status?: number; requestId?: string };
        end(error, status, requestId);
        throw error;
      }
    },
  };
}
