/**
 * The `--wait` of an asynchronous command: waits until the resource its operation changes (the spec's
 * `x-scp-state-change`) is steady again, or gone after a delete, with the client's waiters
 * (`client.waitUntil.clusterRunning`, `clusterDeleted`, `nodepoolRunning`, `nodepoolDeleted`), and
 * reports each status seen to a Progress. Which waiter is the spec's word (spec-document.ts `waiterFor`).
 */
import type { Client, Version } from './connection.js';
import type { Progress } from './progress.js';
import { elapsed } from './progress.js';
import { type StateChange, waiterFor } from './spec-document.js';
import { UsageError } from './usage.js';

/** The ids the waiter needs: `{ clusterId }`, or `{ clusterId?, nodepoolId }`. */
export type WaitTarget = Record<string, string>;

type Waiter = (
  target: WaitTarget,
  options: { timeoutMs?: number; signal?: AbortSignal; onProgress?: (status: string, elapsedMs: number) => void },
) => Promise<unknown>;

/**
 * Waits for the end of `change` on `target`; resolves with what the waiter resolves with (the last
 * show answer), after ending `progress` with the final status.
 */
export async function waitFor(
  client: Client,
  version: Version,
  change: StateChange,
  target: WaitTarget,
  options: { timeoutMs: number; progress: Progress; signal?: AbortSignal },
): Promise<unknown> {
  const name = waiterFor(version, change);
  const waiters = (client as unknown as { waitUntil?: Record<string, Waiter> }).waitUntil;
  const waiter = name === undefined ? undefined : waiters?.[name];
  if (!waiter)
    throw new UsageError(`--wait: the spec of ske ${version} has no waiter for this ${change.resource}'s change`);
  let last = '';
  const started = Date.now();
  try {
    const result = await waiter(target, {
      timeoutMs: options.timeoutMs,
      ...(options.signal && { signal: options.signal }),
      onProgress: (status, elapsedMs) => {
        last = status;
        options.progress.onProgress(status, elapsedMs);
      },
    });
    const done = change.kind === 'delete' ? 'deleted' : (change.settles ?? last);
    options.progress.end(`${done} after ${elapsed(Date.now() - started)}`);
    return result;
  } catch (error) {
    options.progress.end(`${last || 'unknown'}, stopped waiting after ${elapsed(Date.now() - started)}`);
    throw error;
  }
}
