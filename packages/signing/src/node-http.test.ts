import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Deadline } from './deadline.js';
import { NetworkError, ResponseTooLargeError, SkeError } from './errors.js';
import { nodeHttpSend, splitOrigin } from './node-http.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('nodeHttpSend', () => {
  it('sends the method and headers, and reads status, headers and UTF-8 text as Response does', async () => {
    const url = await serve((request, response) => {
      response.writeHead(201, 'Made', {
        'x-seen': `${request.method} ${request.headers['x-trace']}`,
        'set-cookie': ['a=1', 'b=2'],
        'content-type': 'text/plain; charset=utf-8',
      });
      response.end('\uFEFF클러스터 ok');
    });
    const reply = await nodeHttpSend('GET', `${url}/path?q=1`, { 'x-trace': 't1' });
    expect(reply).toMatchObject({ status: 201, statusText: 'Made', ok: true });
    expect(reply.headers.get('X-Seen')).toBe('GET t1');
    expect(reply.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(reply.headers.get('x-absent')).toBeNull();
    const names: string[] = [];
    reply.headers.forEach((_value, name) => {
      names.push(name);
    });
    expect(names).toEqual([...names].sort());
    expect(names).toContain('x-seen');
    expect(await reply.text()).toBe('클러스터 ok');
    const fetched = await fetch(`${url}/path?q=1`);
    expect(await fetched.text()).toBe(await reply.text());
  });

  it('sends Host as the URL names it (the port only when not the default), unless the caller set one', async () => {
    const hosts: (string | undefined)[] = [];
    const url = await serve((request, response) => {
      hosts.push(request.headers.host);
      response.end('ok');
    });
    const port = new URL(url).port;
    await nodeHttpSend('GET', `${url}/a`, {});
    await nodeHttpSend('GET', `${url}/b`, { host: 'gateway.example' });
    expect(hosts).toEqual([`127.0.0.1:${port}`, 'gateway.example']);
    const ipv6 = await new Promise<string | undefined>((resolve, reject) => {
      const server = createServer((request, response) => {
        response.end();
        resolve(request.headers.host);
      });
      server.on('error', reject);
      server.listen(0, '::1', async () => {
        closers.push(() => new Promise((done) => server.close(() => done())));
        const { port: v6port } = server.address() as AddressInfo;
        await nodeHttpSend('GET', `http://[::1]:${v6port}/x`, {}).catch(reject);
      });
    }).catch((error: NodeJS.ErrnoException) =>
      error.code === 'EADDRNOTAVAIL' ? 'no IPv6 here' : Promise.reject(error),
    );
    if (ipv6 !== 'no IPv6 here') expect(ipv6).toMatch(/^\[::1\]:\d+$/);
  });

  it('connects to the origin the URL names, whatever other origins it has seen', async () => {
    const first = await serve((_request, response) => response.end('first'));
    const second = await serve((_request, response) => response.end('second'));
    for (const [url, body] of [
      [first, 'first'],
      [second, 'second'],
      [first, 'first'],
    ] as const) {
      expect(await (await nodeHttpSend('GET', `${url}/x?y=1`, {})).text()).toBe(body);
    }
  });

  it('asks for an uncompressed answer, and still reads one a server compresses anyway', async () => {
    const text = 'apiVersion: v1\nkind: Config\n';
    const encoded: Record<string, Buffer> = {
      gzip: gzipSync(text),
      deflate: deflateSync(text),
      br: brotliCompressSync(text),
    };
    const asked: (string | undefined)[] = [];
    const url = await serve((request, response) => {
      asked.push(request.headers['accept-encoding']);
      const coding = request.url?.slice(1) ?? '';
      response.writeHead(200, { 'content-encoding': coding });
      response.end(encoded[coding]);
    });
    for (const coding of Object.keys(encoded)) {
      expect(await (await nodeHttpSend('GET', `${url}/${coding}`, {})).text()).toBe(text);
    }
    expect(asked).toEqual(['identity', 'identity', 'identity']);
    await nodeHttpSend('GET', `${url}/gzip`, { 'accept-encoding': 'gzip' });
    expect(asked.at(-1)).toBe('gzip');
  });

  it('reads exactly maxResponseBytes and refuses one byte more, counted after decoding', async () => {
    const text = 'x'.repeat(1000);
    const url = await serve((request, response) => {
      if (request.url === '/gzip') response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(request.url === '/gzip' ? gzipSync(text) : text);
    });
    for (const path of ['/plain', '/gzip']) {
      expect(await (await nodeHttpSend('GET', `${url}${path}`, {}, undefined, 1000)).text()).toBe(text);
      const error = await nodeHttpSend('GET', `${url}${path}`, {}, undefined, 999).catch((e) => e);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: 999 });
    }
  });

  it('reads a body of several chunks whole, a character split between two of them included', async () => {
    const bytes = Buffer.from('클러스터', 'utf8');
    const url = await serve((_request, response) => {
      response.write(bytes.subarray(0, 2));
      setTimeout(() => response.end(bytes.subarray(2)), 20);
    });
    expect(await (await nodeHttpSend('GET', `${url}/x`, {})).text()).toBe('클러스터');
  });

  it('reads an answer in a coding it does not know as it is, as fetch does', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'compress' });
      response.end('as it is');
    });
    expect(await (await nodeHttpSend('GET', `${url}/x`, {})).text()).toBe('as it is');
  });

  it('fails with a NetworkError for a compressed answer that does not decode', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end('not gzip');
    });
    const error = await nodeHttpSend('GET', `${url}/x`, {}).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.reason).toBe('Z_DATA_ERROR');
    expect(error.code).toBe('ERR_SKE_NETWORK');
  });

  it('returns a redirect as it is, without following it (a signature covers one exact URL)', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    });
    const reply = await nodeHttpSend('GET', `${url}/here`, {});
    expect(reply.status).toBe(302);
    expect(reply.ok).toBe(false);
    expect(reply.headers.get('location')).toBe('/elsewhere');
  });

  it('fails with a NetworkError naming the code when the server hangs up', async () => {
    const url = await serve((request) => request.socket.destroy());
    const error = await nodeHttpSend('GET', `${url}/x`, {}).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toBeInstanceOf(SkeError);
    expect(error.reason).toBe('ECONNRESET');
    expect(error.code).toBe('ERR_SKE_NETWORK');
    expect(error.message).toBe(`network error: ECONNRESET (GET ${url})`);
  });

  it('fails with a NetworkError when the connection closes mid-answer', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await nodeHttpSend('GET', `${url}/x`, {}).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.reason).toBe('ECONNRESET');
    expect(error.code).toBe('ERR_SKE_NETWORK');
  });

  it('speaks TLS to an https URL (a plain HTTP server cannot answer it)', async () => {
    const url = await serve((_request, response) => response.end('plain'));
    const error = await nodeHttpSend('GET', url.replace('http:', 'https:'), {}).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.reason).toMatch(/SSL|EPROTO/);
  });

  it('gives up on a connection that stays silent, as fetch does after 300 s', async () => {
    const url = await serve(() => undefined);
    const error = await nodeHttpSend('GET', `${url}/x`, {}, undefined, undefined, undefined, 50).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.reason).toBe('ETIMEDOUT');
  });

  it('stops listening to its deadline once answered: a later abort leaves the kept-alive connection alone', async () => {
    const ports: (number | undefined)[] = [];
    const url = await serve((request, response) => {
      ports.push(request.socket.remotePort);
      response.end('ok');
    });
    const first = new Deadline();
    expect(await (await nodeHttpSend('GET', `${url}/1`, {}, first)).text()).toBe('ok');
    first.abort(new Error('too late'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await (await nodeHttpSend('GET', `${url}/2`, {}, new Deadline())).text()).toBe('ok');
    expect(ports[1]).toBe(ports[0]);
  });

  it('closes the connection when its deadline aborts, and fails with the reason, even before it is sent', async () => {
    const closed: string[] = [];
    let reached = false;
    const url = await serve((request, response) => {
      reached = true;
      response.writeHead(200);
      response.write('partial');
      request.socket.on('close', () => closed.push(request.url ?? ''));
    });
    const deadline = new Deadline();
    const pending = nodeHttpSend('GET', `${url}/x`, {}, deadline);
    await expect.poll(() => reached, { timeout: 30_000 }).toBe(true);
    deadline.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
    await expect.poll(() => closed, { timeout: 30_000 }).toEqual(['/x']);
    const early = new Deadline();
    early.abort(new Error('already'));
    await expect(nodeHttpSend('GET', `${url}/y`, {}, early)).rejects.toThrow('already');
  });

  it("rejects with the signal's reason when it aborts, body reading included", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial');
    });
    const controller = new AbortController();
    const pending = nodeHttpSend('GET', `${url}/x`, {}, new Deadline(controller.signal));
    setTimeout(() => controller.abort(new DOMException('stop', 'TimeoutError')), 50);
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError', message: 'stop' });
  });
});

describe('splitOrigin', () => {
  it('splits at the first slash after the scheme', () => {
    expect(splitOrigin('https://h:1/a/b?c=/d')).toEqual(['https://h:1', '/a/b?c=/d']);
    expect(splitOrigin('http://h')).toEqual(['http://h', '/']);
  });
});
