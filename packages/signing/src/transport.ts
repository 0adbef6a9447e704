/**
 * The default transport of `createSignedGet` without a `fetch` option, Node's build: node:http
 * (`node-http.ts`), and no default fetch. The build for other runtimes (`transport.web.ts`) has no
 * node:http and goes over `globalThis.fetch`.
 */
import { nodeHttpSend } from './node-http.js';
import type { HttpReply } from './signed-attempts.js';

/** Sends a request without a body and resolves once the whole answer is in. */
export type DefaultSend = (
  method: string,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
) => Promise<HttpReply>;

export const defaultSend: DefaultSend = nodeHttpSend;

/** The fetch `createSignedGet` uses when given none: none here (it uses `defaultSend`). */
export const defaultFetch: ((input: string | Request, init?: RequestInit) => Promise<Response>) | undefined = undefined;
