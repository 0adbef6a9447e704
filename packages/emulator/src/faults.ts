/**
 * Fault injection for client tests, per route: latency, a status sequence (e.g. 503, 503, then
 * normal answers), `Retry-After` on injected statuses, dropped connections, connections reset after
 * the whole request was read, a skewed `Date` header. A route is named by its operationId in the
 * spec (`showClusterUserKubeconfig`, `createCluster`, … any operation of any version), or `versions`
 * for `GET /`.
 */
import type { OperationId } from './operations/registry.js';

/**
 * `versions` (`GET /`) or an operation's operationId (`OPERATION_IDS`). An operation added to a
 * document given as `documents` is named the same way (cast the name: `'newOperation' as RouteName`).
 */
export type RouteName = OperationId | 'versions';

export interface RouteFaults {
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Answer the next requests with these statuses, one each, before answering normally. */
  statuses?: number[];
  /** `Retry-After` sent with every injected status. */
  retryAfter?: string;
  /** Destroy the connection of the next N requests without answering, before reading their body. */
  dropConnections?: number;
  /**
   * Reset the connection (TCP RST) of the next N requests after reading each whole (headers and
   * body), without answering and without carrying out the operation: a request that reached the
   * server, whose answer never came.
   */
  resetAfterRequest?: number;
  /** Shift the `Date` header by this much (the emulator's own clock is not changed). */
  dateSkewMs?: number;
}

export type Faults = Partial<Record<RouteName, RouteFaults>>;

/** What to do to one request, taken from (and consuming) the route's faults. */
export interface FaultPlan {
  latencyMs: number;
  drop: boolean;
  /** Read the whole request, then reset the connection. */
  reset: boolean;
  status?: number;
  retryAfter?: string;
  dateSkewMs: number;
}

/** Throws a TypeError naming a key that is no route: `known` is `versions` and every operationId. */
export function checkFaults(faults: Faults, known: ReadonlySet<string>): void {
  for (const name of Object.keys(faults)) {
    if (!known.has(name)) {
      throw new TypeError(`faults: ${name} is not a route; expected one of ${[...known].join(', ')}`);
    }
  }
}

/** The plan of a route without fault rules: answer normally (one shared object, never changed). */
const NO_FAULT: FaultPlan = Object.freeze({ latencyMs: 0, drop: false, reset: false, dateSkewMs: 0 });

export function takeFault(faults: Faults, route: string): FaultPlan {
  const rule = Object.hasOwn(faults, route) ? faults[route as RouteName] : undefined;
  if (!rule) return NO_FAULT;
  const drop = (rule.dropConnections ?? 0) > 0;
  if (drop) rule.dropConnections = (rule.dropConnections as number) - 1;
  const reset = !drop && (rule.resetAfterRequest ?? 0) > 0;
  if (reset) rule.resetAfterRequest = (rule.resetAfterRequest as number) - 1;
  const status = drop || reset ? undefined : rule.statuses?.shift();
  return {
    latencyMs: rule.latencyMs ?? 0,
    drop,
    reset,
    ...(status !== undefined && { status }),
    ...(status !== undefined && rule.retryAfter !== undefined && { retryAfter: rule.retryAfter }),
    dateSkewMs: rule.dateSkewMs ?? 0,
  };
}
