/** A call's own `timeoutMs`, `maxRetries` and `onAttempt` (`createSignedGet`'s `init`), over the transport's options. */
import { afterEach, describe, expect, it } from 'vitest';
import { SigningOptionError, SkeTimeoutError } from './errors.js';
import { createSignedGet } from './signed-fetch.js';
import { startServer, type TestServer, trickle } from './testing/hostile-server.js';

const credentials = { accessKey: 'AK', secretKey: 'SK' };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const unavailable = async () =>
  (server = await startServer((_request, response) => {
    response.writeHead(503);
    response.end();
  }));

describe('a call’s own options', () => {
  it('retry as many times as the call says, over retry.maxRetries', async () => {
    const { url, requests } = await unavailable();
    const attempts: string[] = [];
    const get = createSignedGet({
      credentials,
      retry: { maxRetries: 3, baseDelayMs: 0 },
      onAttempt: (event) => attempts.push(`transport ${event.attempt}`),
    });
    await expect(
      get(url, { maxRetries: 1, onAttempt: (event) => attempts.push(`call ${event.attempt}`) }),
    ).resolves.toMatchObject({
      status: 503,
    });
    expect(requests).toHaveLength(2);
    expect(attempts).toEqual(['transport 1', 'call 1', 'transport 2', 'call 2']);
    await get(url, { maxRetries: 0 });
    expect(requests).toHaveLength(3);
    await get(url);
    expect(requests).toHaveLength(7);
  });

  it('hold the call to its own deadline, over timeoutMs', async () => {
    server = await startServer(trickle());
    const get = createSignedGet({ credentials, timeoutMs: 60_000 });
    await expect(get(server.url, { timeoutMs: 80 })).rejects.toMatchObject({ name: 'SkeTimeoutError', timeoutMs: 80 });
    await expect(get(server.url, { timeoutMs: 80 })).rejects.toBeInstanceOf(SkeTimeoutError);
  });

  it('are checked as the options are, before any request', async () => {
    const { url, requests } = await unavailable();
    const get = createSignedGet({ credentials });
    await expect(get(url, { timeoutMs: 0 })).rejects.toMatchObject({ option: 'timeoutMs' });
    await expect(get(url, { timeoutMs: 2 ** 31 })).rejects.toBeInstanceOf(SigningOptionError);
    await expect(get(url, { maxRetries: -1 })).rejects.toMatchObject({ option: 'maxRetries' });
    await expect(get(url, { maxRetries: 0.5 })).rejects.toBeInstanceOf(SigningOptionError);
    expect(requests).toHaveLength(0);
  });
});
