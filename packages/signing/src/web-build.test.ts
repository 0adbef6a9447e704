/**
 * The build for runtimes other than Node, from source: the modules tsdown.config.ts swaps for their
 * `.web.ts` twins are swapped here too (vi.mock), and the public API is used as a worker or a browser
 * would: signatures with Web Crypto, every signed transport over fetch (never node:http), no
 * credentials file, the environment only where there is a `process.env`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from './index.js';
import { referenceExample as reference, referenceSignature } from './testing/reference-example.js';
import { type Scripted, startVerifyingServer } from './testing/verifying-server.js';
import { defaultSend } from './transport.web.js';

vi.mock('./hmac.js', () => import('./hmac.web.js'));
vi.mock('./platform-files.js', () => import('./platform-files.web.js'));
vi.mock('./transport.js', () => import('./transport.web.js'));

const credentials = { accessKey: 'AKWEB', secretKey: 'web-secret-0001' };
const PATH = '/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private';

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function server(script: Scripted[] = []) {
  const started = await startVerifyingServer({ keys: { [credentials.accessKey]: credentials.secretKey }, script });
  servers.push(started);
  return started;
}

/** Runs `create` while the global `process` is gone, as in a browser or workerd without nodejs_compat. */
function withoutProcess<T>(create: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'process') as PropertyDescriptor;
  Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
  try {
    return create();
  } finally {
    Object.defineProperty(globalThis, 'process', saved);
  }
}

describe('the build for other runtimes', () => {
  it('computes SCP’s worked example asynchronously, and refuses to sign synchronously', async () => {
    expect(await api.computeSignatureAsync(reference)).toBe(referenceSignature);
    expect(() => api.computeSignature(reference)).toThrow(
      expect.objectContaining({ code: 'ERR_SKE_SYNC_SIGNING_UNAVAILABLE' }),
    );
    const headers = new Headers();
    const options = { credentials: reference, now: () => reference.timestamp };
    expect(() => api.signHeaders(headers, 'GET', reference.url, options)).toThrow(
      expect.objectContaining({ code: 'ERR_SKE_SYNC_SIGNING_UNAVAILABLE' }),
    );
    expect(headers.has('scp-signature')).toBe(false);
    await api.signHeadersAsync(headers, 'get', reference.url, options);
    expect(headers.get('scp-signature')).toBe(referenceSignature);
    const signed = await api.signRequestAsync(new Request(reference.url), options);
    expect(signed.headers.get('scp-signature')).toBe(referenceSignature);
    await expect(api.computeSignatureAsync({ ...reference, secretKey: '' })).rejects.toBeInstanceOf(
      api.SigningOptionError,
    );
  });

  it('sends createSignedGet over fetch (no fetch option) and the server accepts the signature', async () => {
    const { url, received } = await server();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const reply = await api.createSignedGet({ credentials })(`${url}${PATH}`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toBe('ok');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(received.map((request) => request.verdict)).toEqual(['accepted']);
  });

  it('turns a refused connection into a NetworkError, and retries it', async () => {
    const { url, close } = await server();
    await close();
    const attempts: number[] = [];
    const get = api.createSignedGet({
      credentials,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      onAttempt: (event) => attempts.push(event.attempt),
    });
    await expect(get(`${url}${PATH}`)).rejects.toBeInstanceOf(api.NetworkError);
    expect(attempts).toEqual([1, 2]);
  });

  it('signs every attempt of the signed fetch afresh, and the middleware’s request', async () => {
    const { url, received } = await server([{ status: 503 }]);
    const signedFetch = api.createSignedFetch({ credentials, retry: { baseDelayMs: 1 } });
    expect((await signedFetch(`${url}${PATH}`)).status).toBe(200);
    const middleware = api.createSigningMiddleware({ credentials });
    const request = await middleware.onRequest({ request: new Request(`${url}${PATH}`) });
    expect((await fetch(request)).status).toBe(200);
    expect(received.map((request) => request.verdict)).toEqual(['accepted', 'accepted', 'accepted']);
  });

  it('reads no credentials file, and finds nothing set where there is no process.env', async () => {
    const chain = withoutProcess(() => api.createCredentialChain());
    const error = await chain().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(api.CredentialsNotFoundError);
    expect((error as api.CredentialsNotFoundError).tried).toEqual([
      'explicit credentials: not given',
      'environment: SCP_ACCESS_KEY and SCP_SECRET_KEY are not set',
      'file ~/.scpconf/credentials.json: not readable (no file access outside Node: pass credentials or a provider)',
    ]);
    expect(api.credentialsFilePath({ SCP_CONFIG_DIR: '/etc/scp' }, '/home/u')).toBe('/etc/scp/credentials.json');
    expect(api.credentialsFilePath({}, '/home/u')).toBe('/home/u/.scpconf/credentials.json');
  });

  it('reads the environment where there is one, and credentials from a provider', async () => {
    vi.stubEnv('SCP_ACCESS_KEY', 'AK-ENV');
    vi.stubEnv('SCP_SECRET_KEY', 'SK-ENV');
    expect((await api.createCredentialChain()()).accessKey).toBe('AK-ENV');
    vi.unstubAllEnvs();
    const fromEnv = api.createCredentialChain({ env: { SCP_ACCESS_KEY: 'AK', SCP_SECRET_KEY: 'SK' } });
    expect((await fromEnv()).source).toBe('environment');
    const missing = await api
      .createCredentialChain({ env: {}, homeDir: '/home/u' })()
      .catch((caught) => caught);
    expect((missing as api.CredentialsNotFoundError).tried.at(-1)).toBe(
      'file /home/u/.scpconf/credentials.json: not readable (no file access outside Node: pass credentials or a provider)',
    );
    const provided = api.createCredentialChain({ credentials: async () => credentials });
    expect((await provided()).accessKey).toBe('AKWEB');
  });

  it('has no node:http transport: its stand-in is never used, and would refuse', async () => {
    await expect(defaultSend('GET', 'http://127.0.0.1:9/', {})).rejects.toMatchObject({ code: 'ERR_SKE_NO_NODE_HTTP' });
  });
});
