/**
 * Deadlines, on a fake clock: what they abort with and when, a parent's abort passed on, listeners
 * told once, a signal made only when asked for, and nothing left behind (no listener on the caller's
 * signal, no timer that keeps a process alive).
 */
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptDeadline, callDeadline, Deadline, LONGEST_TIMER_MS } from './deadline.js';
import { SkeError, SkeTimeoutError } from './errors.js';

const URL = 'http://127.0.0.1:9/v1/clusters?secret=no';

afterEach(() => {
  vi.useRealTimers();
});

describe('callDeadline', () => {
  it('aborts with a SkeTimeoutError naming the deadline and the option, once timeoutMs has passed', () => {
    vi.useFakeTimers();
    const deadline = callDeadline(undefined, 300, 'GET', URL);
    vi.advanceTimersByTime(299);
    expect(deadline.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.aborted).toBe(true);
    const reason = deadline.reason as SkeTimeoutError;
    expect(reason).toBeInstanceOf(SkeTimeoutError);
    expect(reason).toBeInstanceOf(SkeError);
    expect(reason).toMatchObject({ name: 'SkeTimeoutError', code: 'ERR_SKE_TIMEOUT', timeoutMs: 300 });
    expect(reason.message).toBe(
      'GET http://127.0.0.1:9 took longer than its deadline of 300 ms, the timeoutMs option (retries and reading the answer included)',
    );
    expect(() => deadline.throwIfAborted()).toThrow(reason);
  });

  it("passes the caller's abort on with its reason, and then stops its clock and listening", () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const deadline = callDeadline(caller.signal, 300, 'GET', URL);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    expect(() => deadline.throwIfAborted()).not.toThrow();
    caller.abort(new Error('stop'));
    expect(deadline.reason).toEqual(new Error('stop'));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is aborted at once, with no clock, when the caller’s signal already is', () => {
    vi.useFakeTimers();
    const deadline = callDeadline(AbortSignal.abort('already'), 300, 'GET', URL);
    expect(deadline).toMatchObject({ aborted: true, reason: 'already' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('once cleared, never aborts and leaves no listener behind', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const deadline = callDeadline(caller.signal, 300, 'GET', URL);
    deadline.clear();
    deadline.clear();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    vi.advanceTimersByTime(1000);
    caller.abort();
    expect(deadline.aborted).toBe(false);
  });

  it('leaves no listener behind when the clock runs out', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    callDeadline(caller.signal, 10, 'GET', URL);
    vi.advanceTimersByTime(10);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('works where a timer is a number, without unref (browsers, workerd)', () => {
    vi.stubGlobal('setTimeout', () => 1);
    vi.stubGlobal('clearTimeout', () => undefined);
    try {
      expect(() => callDeadline(undefined, 300, 'GET', URL).clear()).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('does not keep the process alive by its timer alone', () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    const deadline = callDeadline(undefined, LONGEST_TIMER_MS, 'GET', URL);
    expect(timers()).toBe(before);
    deadline.clear();
  });
});

describe('Deadline', () => {
  it('tells each listener once, in order, and at once one that comes after the abort', () => {
    const deadline = new Deadline();
    const heard: string[] = [];
    deadline.onAbort((reason) => heard.push(`first ${reason}`));
    const stopped = deadline.onAbort((reason) => heard.push(`stopped ${reason}`));
    deadline.onAbort((reason) => heard.push(`second ${reason}`));
    stopped();
    deadline.abort('why');
    deadline.abort('again');
    expect(heard).toEqual(['first why', 'second why']);
    expect(deadline.reason).toBe('why');
    deadline.onAbort((reason) => heard.push(`late ${reason}`))();
    expect(heard.at(-1)).toBe('late why');
  });

  it('makes one signal, on first use, that aborts with it, or is aborted already', () => {
    const deadline = new Deadline();
    const signal = deadline.signal;
    expect(deadline.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    deadline.abort('now');
    expect(signal.reason).toBe('now');
    const late = new Deadline();
    late.abort('before');
    expect(late.signal.reason).toBe('before');
  });

  it('follows a parent deadline, and lets go of it once cleared', () => {
    const parent = new Deadline();
    const child = new Deadline(parent);
    const cleared = new Deadline(parent);
    cleared.clear();
    parent.abort('parent');
    expect(child).toMatchObject({ aborted: true, reason: 'parent' });
    expect(cleared.aborted).toBe(false);
  });

  it('without a clock never aborts by itself', () => {
    vi.useFakeTimers();
    const deadline = new Deadline(new AbortController().signal);
    expect(vi.getTimerCount()).toBe(0);
    expect(deadline.aborted).toBe(false);
  });
});

describe('attemptDeadline', () => {
  it('is none when there is no attempt time-out', () => {
    expect(attemptDeadline(new Deadline(), undefined)).toBeUndefined();
  });

  it('aborts with a TimeoutError after timeoutMs, or with the call’s reason', () => {
    vi.useFakeTimers();
    const call = new Deadline();
    const timed = attemptDeadline(call, 200) as Deadline;
    vi.advanceTimersByTime(199);
    expect(timed.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(timed.reason).toMatchObject({ name: 'TimeoutError', message: 'The attempt took longer than 200 ms' });
    expect(call.aborted).toBe(false);
    const forwarded = attemptDeadline(call, 200) as Deadline;
    call.abort(new SkeTimeoutError(1, 'GET', URL));
    expect(forwarded.reason).toBeInstanceOf(SkeTimeoutError);
  });
});
