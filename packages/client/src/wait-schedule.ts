/**
 * When a waiter polls: as SCP's Terraform provider does (terraform-plugin-sdk's `StateChangeConf` with
 * `Delay` 2 s and `MinTimeout` 3 s): the first poll 2 s after the wait begins, the next 3 s later, then the
 * wait doubles after each poll up to 10 s (2 s, 3 s, 6 s, 10 s, 10 s, …).
 */
import { SkeInputError } from './errors.js';

/** The poll schedule's knobs, in milliseconds (`WaitOptions`). */
export interface WaitSchedule {
  /** Before the first poll. Default 2000. */
  initialDelayMs?: number | undefined;
  /** Between the first and second polls, then doubled after each poll. Default 3000. */
  minDelayMs?: number | undefined;
  /** The longest wait between two polls. Default 10000. */
  maxDelayMs?: number | undefined;
}

export const DEFAULT_WAIT_SCHEDULE = { initialDelayMs: 2000, minDelayMs: 3000, maxDelayMs: 10_000 } as const;

/** A delay option, checked: a whole number of milliseconds ≥ 0 (`SkeInputError` naming it). */
export function delayOption(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new SkeInputError(
      `options.${name}`,
      // Stryker disable next-line StringLiteral: message text
      'a whole number of milliseconds ≥ 0',
    );
  }
  return value as number;
}

/** How long to wait before poll `poll` (0 is the first): `initialDelayMs`, then `minDelayMs` × 2ⁿ⁻¹ up to `maxDelayMs`. */
export function waitDelay(poll: number, schedule: WaitSchedule = {}): number {
  const initial = delayOption('initialDelayMs', schedule.initialDelayMs, DEFAULT_WAIT_SCHEDULE.initialDelayMs);
  const min = delayOption('minDelayMs', schedule.minDelayMs, DEFAULT_WAIT_SCHEDULE.minDelayMs);
  const max = delayOption('maxDelayMs', schedule.maxDelayMs, DEFAULT_WAIT_SCHEDULE.maxDelayMs);
  return poll === 0 ? initial : Math.min(max, min * 2 ** Math.min(poll - 1, 30));
}
