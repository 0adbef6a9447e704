/**
 * The default transport of `createSignedGet` outside Node: `globalThis.fetch` (node:http is never
 * loaded). See `transport.ts`, Node's build.
 */
import { SkeError } from './errors.js';
import type * as NodeTransport from './transport.js';

/** Never called: `defaultFetch` is always there in this build. */
export const defaultSend: typeof NodeTransport.defaultSend = () =>
  Promise.reject(
    new SkeError(
      'ERR_SKE_NO_NODE_HTTP',
      // Stryker disable next-line StringLiteral: message text
      'node:http is not part of this build',
    ),
  );

export const defaultFetch: typeof NodeTransport.defaultFetch = (input, init) => fetch(input, init);
