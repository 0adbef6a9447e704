/** The lifecycle gate: its warning with and without `process.emitWarning` (or any `process`), a PLANNED version refused, a retired one allowed. */
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

describe('the lifecycle gate', () => {
  it('warns through console.warn where there is no process at all', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'process') as PropertyDescriptor;
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
    try {
      checkLifecycle(deprecated, new Date('2026-01-01'), false);
    } finally {
      Object.defineProperty(globalThis, 'process', saved);
    }
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses a PLANNED version, saying so', () => {
    const planned = { ...deprecated, state: 'PLANNED', notBefore: null } as VersionContract;
    expect(() => checkLifecycle(planned, new Date('2026-01-01'), false)).toThrow(
      'ske 9.0 is PLANNED and not callable yet. Move to ske 1.3 (@scp-ske/client-1.3), or pass allowUnsupportedVersion: true to call it anyway.',
    );
  });

  it('calls a retired version when allowed, with one warning per version that says why', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const past = new Date('2027-06-01');
    checkLifecycle(deprecated, past, true);
    checkLifecycle(deprecated, past, true);
    checkLifecycle({ ...deprecated, version: '9.1', apiVersion: 'ske 9.1' }, past, true);
    expect(emit.mock.calls.map(([message]) => message)).toEqual([
      'ske 9.0 is DEPRECATED and no longer served since its Not Before date 2027-01-01; move to ske 1.3 (@scp-ske/client-1.3).',
      'ske 9.1 is DEPRECATED and no longer served since its Not Before date 2027-01-01; move to ske 1.3 (@scp-ske/client-1.3).',
    ]);
    expect(emit.mock.calls[0]?.[1]).toEqual({ type: 'SkeLifecycleWarning', code: WARNING_CODES.deprecated });
  });
});

describe('two copies of the client in one process', () => {
  it('warn once between them: the set of warnings given lives in the global symbol registry', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const shared = (globalThis as { [key: symbol]: Set<string> | undefined })[Symbol.for('@scp-ske/client.warned')];
    checkLifecycle(deprecated, new Date('2026-01-01'), false);
    expect(emit).toHaveBeenCalledTimes(1);
    expect([...(shared ?? [])]).toEqual(['ske 9.0:deprecated']);
    // What another copy of the module would have recorded for another version:
    shared?.add('ske 9.1:deprecated');
    checkLifecycle({ ...deprecated, version: '9.1', apiVersion: 'ske 9.1' }, new Date('2026-01-01'), false);
    expect(emit).toHaveBeenCalledTimes(1);
  });
});
