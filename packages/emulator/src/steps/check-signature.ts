/** Step 4, authentication: SCP's request signature (authenticate.ts), or 401 naming the failed check. */
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
    const host = exchange.header('host') ?? new URL(options.baseUrl()).host;
    const caller = authenticate({
      method: exchange.method,
      url: `http://${host}${exchange.request.url}`,
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
