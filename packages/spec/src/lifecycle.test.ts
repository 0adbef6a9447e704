import { describe, expect, it } from 'vitest';
import { manifest } from './index.js';
import { findVersion, isServed, judgeLifecycle, utcDay } from './lifecycle.js';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('judgeLifecycle', () => {
  it('serves the CURRENT version whatever the date', () => {
    expect(judgeLifecycle({ state: 'CURRENT', notBefore: null }, day('2099-01-01'))).toEqual({ kind: 'ok' });
  });

  it('retires a DEPRECATED version on its Not Before date, and warns before it', () => {
    const entry = { state: 'DEPRECATED', notBefore: '2025-12-31' } as const;
    expect(judgeLifecycle(entry, day('2025-12-30'))).toEqual({ kind: 'warn', reason: 'deprecated' });
    expect(judgeLifecycle(entry, new Date('2025-12-31T00:00:00Z'))).toEqual({
      kind: 'retired',
      reason: 'past-not-before',
    });
    expect(isServed(entry, day('2026-06-01'))).toBe(false);
  });

  it('keeps serving a SUPPORTED version past its Not Before date, with a warning', () => {
    const entry = { state: 'SUPPORTED', notBefore: '2026-10-14' } as const;
    expect(judgeLifecycle(entry, day('2026-10-13'))).toEqual({ kind: 'ok' });
    expect(judgeLifecycle(entry, day('2026-10-14'))).toEqual({ kind: 'warn', reason: 'past-not-before' });
    expect(isServed(entry, day('2027-01-01'))).toBe(true);
  });

  it('never serves a PLANNED version', () => {
    expect(isServed({ state: 'PLANNED', notBefore: null }, day('2026-01-01'))).toBe(false);
  });

  it('refuses an invalid date instead of judging it', () => {
    expect(() => utcDay(new Date('not a date'))).toThrow(/not a valid Date/);
  });
});

describe('findVersion', () => {
  it('finds a version by number or by header value', () => {
    expect(findVersion(manifest, '1.2')?.apiVersion).toBe('ske 1.2');
    expect(findVersion(manifest, 'ske 1.2')?.version).toBe('1.2');
    expect(findVersion(manifest, '9.9')).toBeUndefined();
  });
});
