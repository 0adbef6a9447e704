/**
 * Fault injection for client tests, per route: latency, a status sequence (e.g. 503, 503, then
 * normal answers), `Retry-After` on injected statuses, dropped connections, a skewed `Date` header.
 */

export type RouteName = 'userKubeconfig' | 'versions';

export interface RouteFaults {
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Answer the next requests with these statuses, one each, before answering normally. */
  statuses?: number[];
  /** `Retry-After` sent with every injected status. */
  retryAfter?: string;
  /** Destroy the connection of the next N requests without answering. */
  dropConnections?: number;
  /** Shift the `Date` header by this much (the emulator's own clock is not changed). */
  dateSkewMs?: number;
}

export type Faults = Partial<Record<RouteName, RouteFaults>>;

/** What to do to one request, taken from (and consuming) the route's faults. */
export interface FaultPlan {
  latencyMs: number;
  drop: boolean;
  status?: number;
  retryAfter?: string;
  dateSkewMs: number;
}

export function takeFault(faults: Faults, route: RouteName): FaultPlan {
  const rule = faults[route];
  if (!rule) return { latencyMs: 0, drop: false, dateSkewMs: 0 };
  const drop = (rule.dropConnections ?? 0) > 0;
  if (drop) rule.dropConnections = (rule.dropConnections as number) - 1;
  const status = drop ? undefined : rule.statuses?.shift();
  return {
    latencyMs: rule.latencyMs ?? 0,
    drop,
    ...(status !== undefined && { status }),
    ...(status !== undefined && rule.retryAfter !== undefined && { retryAfter: rule.retryAfter }),
    dateSkewMs: rule.dateSkewMs ?? 0,
  };
}
