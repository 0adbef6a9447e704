import { describe, expect, it } from 'vitest';
import { ClockSkew } from './clock-skew.js';

const LOCAL = Date.parse('2026-01-01T00:00:00Z');
const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('ClockSkew', () => {
  it('ignores a Date within 5 minutes, learns one beyond, and follows a Date that changes', () => {
    const skew = new ClockSkew();
    expect(skew.observe(httpDate(LOCAL + 60_000), LOCAL)).toBe(false);
    expect(skew.offsetMs).toBe(0);
    expect(skew.observe(httpDate(LOCAL + 600_000), LOCAL)).toBe(true);
    expect(skew.offsetMs).toBe(600_000);
    // The same Date again is already explained by the learned offset.
    expect(skew.observe(httpDate(LOCAL + 600_000), LOCAL)).toBe(false);
    // The server's clock moves back: the next, different Date is parsed and learned.
    expect(skew.observe(httpDate(LOCAL - 420_000), LOCAL)).toBe(true);
    expect(skew.offsetMs).toBe(-420_000);
  });

  it('ignores a missing or unreadable Date', () => {
    const skew = new ClockSkew();
    expect(skew.observe(null, LOCAL)).toBe(false);
    expect(skew.observe('not a date', LOCAL)).toBe(false);
    expect(skew.observe('not a date', LOCAL)).toBe(false);
    expect(skew.offsetMs).toBe(0);
  });
});
