/**
 * The request pipeline, Hono-style: an `Exchange` (one request, and what the steps learn about it)
 * goes through the steps in order, and the first step that answers ends it. A step answers with a
 * `Reply` (or `DROP`, to close the connection without one, or `RESET`, to reset it) or returns
 * nothing to pass the request on.
 */
import type { IncomingMessage } from 'node:http';
import type { VersionEntry } from '@scp-ske/spec';
import { type ErrorAnswer, envelope, newRequestId } from './envelope.js';
import type { EmulatorCredentials } from './fixtures.js';
import type { Parameters } from './parameters.js';
import { BODY_LIMIT_BYTES, type BodyText, readBodyText } from './request-body.js';
import type { Matched } from './routes.js';

/** One request as the emulator saw it. The signature is never recorded. */
export interface RecordedRequest {
  method: string;
  url: string;
  accessKey: string | undefined;
  apiVersion: string | undefined;
  status: number;
  code: string | undefined;
  /** The request body as parsed JSON, when the operation takes one and it was JSON. */
  body?: unknown;
}

export interface Reply {
  status: number;
  body: string;
  /** The body's length in bytes, when already known (a cached answer's); else counted when sent. */
  bodyBytes?: number;
  contentType: string;
  /** The error code, recorded with the request. */
  code?: string;
  headers?: Record<string, string>;
}

/** Closes the connection without an answer. */
export const DROP = 'drop';

/** Resets the connection (TCP RST) without an answer. */
export const RESET = 'reset';

/** What ends a request: a reply, `DROP` or `RESET`. */
export type Outcome = Reply | typeof DROP | typeof RESET;

export type Step = (exchange: Exchange) => Outcome | undefined | Promise<Outcome | undefined>;

/**
 * One request. The fields below `record` are set by the steps, in order (route → fault → signature
 * → version → route in the version → parameters → body); a step only reads what an earlier step set.
 */
export class Exchange {
  readonly method: string;
  readonly requestId = newRequestId();
  readonly record: RecordedRequest;
  /** The request target's path and query, as URL reads them (route step; request-target.ts). */
  pathname!: string;
  search!: string;
  /** The operationId the path and method belong to, or `versions` (route step). */
  routeName!: string;
  /** How far the `Date` header is shifted (fault step). */
  dateSkewMs = 0;
  /** The emulator's clock when the signature was checked (signature step). */
  nowMs = 0;
  caller!: EmulatorCredentials;
  version!: VersionEntry;
  /** The operation in the selected version, with the raw path parameters (route-in-version step). */
  matched!: Matched;
  parameters!: Parameters;
  /** The request body, parsed and valid; undefined when the operation takes none (body step). */
  body: unknown;
  #bodyText: Promise<BodyText> | undefined;

  constructor(readonly request: IncomingMessage) {
    this.method = request.method ?? 'GET';
    this.record = {
      method: this.method,
      url: request.url ?? '',
      accessKey: this.header('scp-accesskey'),
      apiVersion: this.header('scp-api-version'),
      status: 0,
      code: undefined,
    };
  }

  /**
   * The body's text, read once whichever step asks first (the first caller's `limit` holds): a delayed
   * request's body is read while it waits, so that a client giving up meanwhile leaves a request that
   * arrived whole, carried out and recorded as one without a body is.
   */
  bodyText(limit = BODY_LIMIT_BYTES): Promise<BodyText> {
    this.#bodyText ??= readBodyText(this.request, limit);
    return this.#bodyText;
  }

  /** A header's value (repeated ones joined with `, `); `name` in lower case, as Node keys them. */
  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** An error answer in SCP's envelope. */
  fail(answer: ErrorAnswer, headers?: Record<string, string>): Reply {
    return {
      status: answer.status,
      body: envelope(answer, this.requestId),
      contentType: 'application/json',
      code: answer.code,
      ...(headers && { headers }),
    };
  }
}

/**
 * Runs the steps until one answers. It stays synchronous while the steps are (every request but a
 * delayed one): only a step that returns a promise is awaited, and the steps after it run once it
 * settles. A step that throws throws here (or rejects, after an awaited step).
 */
export function runSteps(steps: readonly Step[], exchange: Exchange, from = 0): Outcome | Promise<Outcome> {
  for (let index = from; index < steps.length; index++) {
    const reply = (steps[index] as Step)(exchange);
    if (reply === undefined) continue;
    if (reply instanceof Promise) {
      return reply.then((settled) => (settled === undefined ? runSteps(steps, exchange, index + 1) : settled));
    }
    return reply;
  }
  throw new Error('No step answered the request.');
}
