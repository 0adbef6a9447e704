/**
 * The store at work: carries out the changes that are due on the emulator's clock (before each
 * operation, and from one timer aimed at the next change due, so that a status moves even when
 * nobody asks), applies the resource rules when they are done (rules.ts), and writes the state file
 * after every change when there is one (persist.ts).
 */
import { writeStateFile } from './persist.js';
import { RULES } from './rules.js';
import type { Settled, Store } from './store.js';

/** The longest a timer may wait (Node's limit, about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** How long the timer waits again when it found nothing due (an emulator clock that does not run). */
const IDLE_RECHECK_MS = 1000;

export class StateRuntime {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Counts the store's changes: an answer written from it holds until this moves. */
  generation = 0;

  constructor(
    readonly store: Store,
    private readonly clock: () => number,
    private readonly stateFile: string | undefined,
  ) {}

  /** Carries out every change due by `now`; writes the state file when one was. */
  settle(now: number = this.clock()): boolean {
    if (!this.store.hasDue(now)) return false;
    this.store.settleDue(now, applyRules);
    this.changed();
    return true;
  }

  /** After a change of the store: writes the state file, and aims the timer at the next change due. */
  changed(): void {
    this.generation += 1;
    if (this.stateFile !== undefined) writeStateFile(this.stateFile, this.store);
    this.schedule();
  }

  /** Aims the timer at the next change due (none: no timer). */
  schedule(minimumMs = 0): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.store.nextDue();
    if (next === undefined || this.closed) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(minimumMs, next - this.clock() + 1, 0));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.settle()) this.schedule(IDLE_RECHECK_MS);
    }, delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function applyRules({ entry, removed }: Settled): void {
  const rules = RULES[entry.kind];
  if (removed) rules?.removed?.(entry);
  else rules?.settled?.(entry);
}
