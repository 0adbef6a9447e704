/**
 * Step 2, faults: the route's fault rules, consumed one request at a time: latency, a dropped
 * connection, an injected status (with `Retry-After`), a skewed `Date` header.
 */
import { type FaultPlan, type Faults, takeFault } from '../faults.js';
import { DROP, type Exchange, type Reply, type Step } from '../pipeline.js';

function apply(exchange: Exchange, fault: FaultPlan): Reply | typeof DROP | undefined {
  if (fault.drop) return DROP;
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
    return new Promise((resolve) => setTimeout(() => resolve(apply(exchange, fault)), fault.latencyMs));
  };
}
