/**
 * Step 4, authentication: SCP's request signature (authenticate.ts), or 401 naming the failed check.
 * The signed URL is the request target as received: an origin-form target (`/v1/…`) behind
 * `http://` and the Host header, an absolute-form one (`http://host/v1/…`, as sent through a proxy)
 * as it is, its own authority winning over Host (RFC 9112 §3.2.2).
 */
import { authenticate } from '../authenticate.js';
import type { EmulatorCredentials } from '../fixtures.js';
import type { Step } from '../pipeline.js';

export function checkSignature(options: {
  clock: () => number;
  windowMs: number;
  credentials: ReadonlyMap<string, EmulatorCredentials>;
  baseUrl: () => string;
}): Step {
  return (exchange) => {
    exchange.nowMs = options.clock();
    const target = exchange.request.url ?? '/';
    // An HTTP/1.0 request may come without a Host header: it reached this emulator's own address.
    const host = exchange.header('host') ?? new URL(options.baseUrl()).host;
    const caller = authenticate({
      method: exchange.method,
      url: target.startsWith('/') ? `http://${host}${target}` : target,
      header: (name) => exchange.header(name),
      nowMs: exchange.nowMs,
      windowMs: options.windowMs,
      credentials: options.credentials,
    });
    if ('status' in caller) return exchange.fail(caller);
    exchange.caller = caller;
    return undefined;
  };
}
