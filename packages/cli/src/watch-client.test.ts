import { afterEach, describe, expect, it, vi } from 'vitest';
import { networkContextOf } from './network-context.js';
import { WAITING_NOTICE_MS, watchCalls } from './watch-client.js';

afterEach(() => vi.useRealTimers());

function watcher(isTTY: boolean) {
  const lines: string[] = [];
  const watch = watchCalls({
    host: 'ske.kr-west1.s.samsungsdscloud.com',
    accessKey: 'AK1',
    timeoutMs: 30_000,
    stderr: (text) => lines.push(text),
    isTTY,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
  });
  return { watch, lines };
}

describe('watchCalls', () => {
  it('says which host a call waits for once it has waited 2 s, on a terminal only', async () => {
    vi.useFakeTimers();
    for (const isTTY of [true, false]) {
      const { watch, lines } = watcher(isTTY);
      let answer: (value: string) => void = () => undefined;
      const client = watch.wrap({ call: () => new Promise<string>((resolve) => (answer = resolve)) });
      const pending = client.call();
      vi.advanceTimersByTime(WAITING_NOTICE_MS - 1);
      expect(lines).toEqual([]);
      vi.advanceTimersByTime(1);
      answer('ok');
      await expect(pending).resolves.toBe('ok');
      expect(lines).toEqual(isTTY ? ['scp-ske: waiting for ske.kr-west1.s.samsungsdscloud.com …\n'] : []);
    }
  });

  it('attaches the host, the key id and the clock skew of the last answer to a failure', async () => {
    const { watch } = watcher(false);
    watch.onAttempt({
      attempt: 1,
      method: 'GET',
      url: 'https://ske.kr-west1.s.samsungsdscloud.com/v1/clusters',
      headers: new Headers(),
      response: { status: 401, headers: new Headers({ date: 'Thu, 01 Jan 2026 00:07:03 GMT' }) } as never,
    });
    const failure = new Error('refused');
    const client = watch.wrap({ call: () => Promise.reject(failure), plain: () => 1 });
    expect(client.plain()).toBe(1);
    await expect(client.call()).rejects.toBe(failure);
    expect(networkContextOf(failure)).toEqual({
      host: 'ske.kr-west1.s.samsungsdscloud.com',
      accessKey: 'AK1',
      timeoutMs: 30_000,
      serverDate: 'Thu, 01 Jan 2026 00:07:03 GMT',
      skewMs: 423_000,
    });
  });

  it('watches each page of a paginator: a failed page carries the host too, and a loop left early lets it go', async () => {
    const { watch } = watcher(false);
    const failure = new Error('refused');
    let released = false;
    async function* pages() {
      try {
        yield 1;
        yield 2;
        throw failure;
      } finally {
        released = true;
      }
    }
    const client = watch.wrap({ paginate: { listClusters: () => pages() } });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of client.paginate.listClusters()) seen.push(item);
      })(),
    ).rejects.toBe(failure);
    expect(seen).toEqual([1, 2]);
    expect(networkContextOf(failure)).toMatchObject({ host: 'ske.kr-west1.s.samsungsdscloud.com' });
    released = false;
    for await (const item of client.paginate.listClusters()) if (item === 1) break;
    expect(released).toBe(true);
  });
});
