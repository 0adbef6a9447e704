/** The lifecycle warning where the runtime has no `process.emitWarning` (a browser, workerd without nodejs_compat). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VersionContract } from './contract.js';
import { checkLifecycle, resetLifecycleWarnings, WARNING_CODES } from './lifecycle-check.js';

const deprecated: VersionContract = {
  service: 'ske',
  version: '9.0',
  apiVersion: 'ske 9.0',
  state: 'DEPRECATED',
  notBefore: '2027-01-01',
  current: { version: '1.3', apiVersion: 'ske 1.3', package: '@scp-ske/client-1.3' },
  server: { url: 'https://ske.{region}.{environment}.samsungsdscloud.com', regions: { e: ['kr-west1'] } },
};

afterEach(() => {
  vi.restoreAllMocks();
  resetLifecycleWarnings();
});

describe('the lifecycle warning without process.emitWarning', () => {
  it('goes to console.warn with its code, once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = process.emitWarning;
    (process as { emitWarning?: unknown }).emitWarning = undefined;
    try {
      checkLifecycle(deprecated, new Date('2026-01-01'), false);
      checkLifecycle(deprecated, new Date('2026-01-01'), false);
    } finally {
      process.emitWarning = saved;
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(WARNING_CODES.deprecated);
    expect(String(warn.mock.calls[0]?.[1])).toMatch(/ske 9\.0 is DEPRECATED: it stops being served on 2027-01-01/);
  });

  it('is a process warning where there is one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    checkLifecycle(deprecated, new Date('2026-01-01'), false);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(warn).not.toHaveBeenCalled();
  });
});
