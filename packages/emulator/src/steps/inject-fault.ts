/**
 * Step 2, faults: the route's fault rules, consumed one request at a time: latency (the answer's: the
 * request, body included, is read meanwhile and carried out after it), a dropped connection, a
 * connection reset once the whole request is read, an injected status (with `Retry-After`), a skewed
 * `Date` header.
 */
import { type FaultPlan, type Faults, takeFault } from '../faults.js';
import { DROP, type Exchange, type Outcome, RESET, type Step } from '../pipeline.js';

function apply(exchange: Exchange, fault: FaultPlan): Outcome | undefined | Promise<Outcome> {
  if (fault.drop) return DROP;
  // The body is read (and dropped) first: the request reached the emulator whole.
  if (fault.reset) return exchange.bodyText(0).then(() => RESET);
  if (fault.status === undefined) return undefined;
  return exchange.fail(
    { status: fault.status, code: 'InjectedFault', detail: [`Fault injection answered ${fault.status}.`] },
    fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter },
  );
}

export function injectFault(faults: () => Faults): Step {
  return (exchange) => {
    const fault = takeFault(faults(), exchange.routeName);
    exchange.dateSkewMs = fault.dateSkewMs;
    if (fault.latencyMs <= 0) return apply(exchange, fault);
    // The answer is late, not the request: its body is read now (a reset reads it anyway).
    if (!fault.drop && !fault.reset) void exchange.bodyText();
    return new Promise((resolve) => setTimeout(() => resolve(apply(exchange, fault)), fault.latencyMs));
  };
}
