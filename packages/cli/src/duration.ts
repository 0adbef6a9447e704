/**
 * The one way the CLI reads a duration flag (`--timeout`): seconds (`30`, `2.5`), or numbers with units
 * (`500ms`, `45s`, `2m`, `1h30m`), at least 1 ms and at most a limit the flag states; anything else is a
 * UsageError naming the flag, the forms it takes and its limit.
 */
import { UsageError } from './usage.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `1h30m` as milliseconds; NaN unless the text is nothing but number-and-unit parts. */
function sumOfParts(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) return Number.NaN;
  return parts.reduce((sum, [, value, unit]) => sum + Number(value) * (UNIT_MS[unit as string] as number), 0);
}

/** `text` as milliseconds, from 1 ms up to `maxMs` (`maxText` in the message). */
export function parseDuration(text: string, flag: string, maxMs: number, maxText: string): number {
  const trimmed = text.trim();
  const ms = /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : sumOfParts(trimmed);
  if (!(ms >= 1 && ms <= maxMs)) {
    throw new UsageError(
      `${flag}: expected seconds (30) or a duration (500ms, 45s, 2m, 1h30m) from 1 ms up to ${maxText}, received "${text}"`,
    );
  }
  return Math.round(ms);
}
