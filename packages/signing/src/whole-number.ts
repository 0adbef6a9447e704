/**
 * The check every numeric option shares: a whole number within bounds, or `SigningOptionError`
 * naming the option, what it expects and the value received (a number as it is, anything else by type).
 */
import { describeValue, SigningOptionError } from './errors.js';

/** `value`, or `fallback` when it is undefined; throws `SigningOptionError` unless it is a whole number in [min, max]. */
export function wholeNumberOption(
  option: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  // Number.isInteger is false for anything but a number.
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SigningOptionError(
      option,
      max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`,
      typeof value === 'number' ? String(value) : describeValue(value),
    );
  }
  return value;
}
