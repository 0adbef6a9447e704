/**
 * A client whose calls say when they are slow and what they were waiting for: after 2 s without an
 * answer, one line `scp-ske: waiting for HOST …` on stderr (only on a terminal: a script's or
 * kubectl's output stays clean), and every failure carries its network context (network-context.ts)
 * for report-error.ts: the host, the deadline, the access key id, and the clock skew the last
 * answer's `Date` header shows.
 */
import type { AttemptEvent } from '@scp-ske/signing';
import { attachNetworkContext, type NetworkContext } from './network-context.js';

export const WAITING_NOTICE_MS = 2000;

export interface WatchOptions {
  /** Read when a call waits or fails (the client knows its host once created). */
  readonly host: string;
  accessKey: string;
  timeoutMs: number;
  stderr(text: string): void;
  /** Whether stderr is a terminal: the notice is printed only then. */
  isTTY: boolean;
  now?: () => number;
}

/** The hook to pass as `onAttempt` (beside the debug log), and the client wrapper that uses what it saw. */
export function watchCalls(options: WatchOptions) {
  const now = options.now ?? Date.now;
  let last: Pick<NetworkContext, 'skewMs' | 'serverDate'> = {};
  const onAttempt = (event: AttemptEvent) => {
    const date = event.response?.headers.get('date');
    const serverMs = date ? Date.parse(date) : Number.NaN;
    if (date && !Number.isNaN(serverMs)) last = { serverDate: date, skewMs: serverMs - now() };
  };
  const context = (): NetworkContext => ({
    host: options.host,
    accessKey: options.accessKey,
    timeoutMs: options.timeoutMs,
    ...last,
  });

  function watched<T>(promise: Promise<T>): Promise<T> {
    const timer = options.isTTY
      ? setTimeout(() => options.stderr(`scp-ske: waiting for ${options.host} …\n`), WAITING_NOTICE_MS)
      : undefined;
    timer?.unref?.();
    return promise.then(
      (value) => {
        clearTimeout(timer);
        return value;
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw attachNetworkContext(error, context());
      },
    );
  }

  /** `iterable` with each step (a page's call) watched. */
  function watchedPages<T>(iterable: AsyncIterable<T>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]() {
        const iterator = iterable[Symbol.asyncIterator]();
        return {
          next: () => watched(iterator.next()),
          // A loop left early lets the paginator go (no more pages asked for).
          return: async (value?: unknown) => (await iterator.return?.(value)) ?? { done: true, value },
        };
      },
    };
  }

  /** `object` with what each of its methods returns watched: a promise, or the pages of an async iterable. */
  function wrap<C extends object>(object: C): C {
    return new Proxy(object, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        // The paginators (`client.paginate.listClusters(…)`): each page is a call.
        if (property === 'paginate' && typeof value === 'object' && value !== null) return wrap(value);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) return watched(result);
          if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
            return watchedPages(result as AsyncIterable<unknown>);
          }
          return result;
        };
      },
    });
  }
  return { onAttempt, wrap };
}
