/**
 * The default transport of `createSignedGet` without a `fetch` option, Node's build: node:http
 * (`node-http.ts`), and no default fetch. The build for other runtimes (`transport.web.ts`) has no
 * node:http and goes over `globalThis.fetch`.
 */
import type { Abortable } from './deadline.js';
import { nodeHttpSend } from './node-http.js';
import type { HttpReply } from './signed-attempts.js';

/** Sends a request (with `body`, or none) and resolves once the whole answer (at most `maxResponseBytes`, decoded) is in. */
export type DefaultSend = (
  method: string,
  url: string,
  headers: Record<string, string>,
  stop?: Abortable,
  maxResponseBytes?: number,
  body?: string,
) => Promise<HttpReply>;

export const defaultSend: DefaultSend = nodeHttpSend;

/** The fetch `createSignedGet` uses when given none: none here (it uses `defaultSend`). */
export const defaultFetch: ((input: string | Request, init?: RequestInit) => Promise<Response>) | undefined = undefined;
