/**
 * What the CLI knows about a failed call beyond the error itself: the host it was waiting for, the
 * access key id it signed with, the deadline (`--timeout`), and the server's clock (its `Date`
 * header) against this machine's when the answer had one. connection.ts attaches it to the error;
 * report-error.ts says it. Nothing here holds a secret.
 */
export interface NetworkContext {
  host: string;
  accessKey?: string | undefined;
  timeoutMs: number;
  /** Server clock minus this machine's, in ms, from the last answer's `Date` header. */
  skewMs?: number | undefined;
  /** The `Date` header it came from. */
  serverDate?: string | undefined;
}

const contexts = new WeakMap<object, NetworkContext>();

export function attachNetworkContext<E>(error: E, context: NetworkContext): E {
  if (typeof error === 'object' && error !== null && !contexts.has(error)) contexts.set(error, context);
  return error;
}

export function networkContextOf(error: unknown): NetworkContext | undefined {
  return typeof error === 'object' && error !== null ? contexts.get(error) : undefined;
}

/** `7 min 3 s`, `2 s`, `450 ms`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  const seconds = Math.round(abs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
}
