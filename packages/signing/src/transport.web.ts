/**
 * The default transport of `createSignedGet` outside Node: none, so that it goes over
 * `globalThis.fetch` (node:http is never loaded). See `transport.ts`, Node's build.
 */
import type * as NodeTransport from './transport.js';

export const defaultSend: typeof NodeTransport.defaultSend = undefined;
