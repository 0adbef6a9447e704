/**
 * The small rules of the signing package, each pinned exactly: error names, codes and the parts of
 * their messages that carry data, what the credentials sources say they found, the option checks,
 * header reading, and the Node transport's `ok` and `NetworkError`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { inspect } from 'node:util';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ClockSkew, SKEW_THRESHOLD_MS } from './clock-skew.js';
import { createCredentialChain, fromCredentialsFile, fromEnvironment, ScpCredentials } from './credentials.js';
import { decodedBody } from './decode-body.js';
import { CredentialsNotFoundError, describeValue, NetworkError, SigningOptionError, SkeError } from './errors.js';
import { headerRecord } from './header-record.js';
import { nodeHttpSend } from './node-http.js';
import { resolveRetryOptions, retryAfterDelay } from './retry.js';
import { parseWireUrl, redactedHeaders, signHeaders } from './sign-request.js';
import { normalizeTimestamp, requireAbsoluteUrl, stringToSign } from './signature.js';

const thrown = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('errors', () => {
  it('have stable names and codes, and a message without "received" when nothing was received', () => {
    expect(new SkeError('ERR_X', 'm').name).toBe('SkeError');
    const option = new SigningOptionError('retry.maxRetries', 'a number');
    expect(option.name).toBe('SigningOptionError');
    expect(option.message).toBe('retry.maxRetries: expected a number');
    const notFound = new CredentialsNotFoundError(['one place', 'another']);
    expect(notFound).toMatchObject({ name: 'CredentialsNotFoundError', code: 'ERR_SKE_CREDENTIALS_NOT_FOUND' });
    expect(notFound.message.split('\n').slice(0, 4)).toEqual([
      'No SCP credentials found. Looked in:',
      '  - one place',
      '  - another',
      expect.stringContaining('SCP_ACCESS_KEY'),
    ]);
    expect(new NetworkError('GET', 'http://h:1/x', new Error('e')).name).toBe('NetworkError');
  });

  it.each([
    [{}, 'an object'],
    [() => 1, 'a function'],
    [Symbol('s'), 'a symbol'],
    [null, 'null'],
    [[1], 'an array'],
    ['', 'an empty string'],
    ['abc', 'a string of 3 characters'],
    [Number.NaN, 'NaN'],
    [3, 'a number'],
  ])('describeValue(%s) is %j', (value, description) => {
    expect(describeValue(value)).toBe(description);
  });
});

describe('NetworkError', () => {
  it.each([
    [Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'ECONNRESET', 'ECONNRESET'],
    [new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), 'ECONNREFUSED', 'ECONNREFUSED'],
    [new Error('boom'), undefined, 'boom'],
    [{ code: 42 }, undefined, '[object Object]'],
    [null, undefined, 'null'],
  ])('reads the reason of %s', (cause, reason, shown) => {
    const error = new NetworkError('GET', 'http://127.0.0.1:9/x?y', cause);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`network error: ${shown} (GET http://127.0.0.1:9)`);
    expect(error.cause).toBe(cause);
  });
});

describe('credentials', () => {
  it('print as themselves, the secret redacted', () => {
    const credentials = new ScpCredentials({ accessKey: 'AK', secretKey: 'SK', accountId: 'acct' }, 'here');
    const text = "ScpCredentials { accessKey: 'AK', secretKey: '[redacted]', source: 'here' }";
    expect(String(credentials)).toBe(text);
    expect(inspect(credentials)).toBe(text);
    expect(JSON.parse(JSON.stringify(credentials))).toEqual({
      accessKey: 'AK',
      secretKey: '[redacted]',
      accountId: 'acct',
      source: 'here',
    });
  });

  it.each([
    [null, 'credentials'],
    ['AK:SK', 'credentials'],
    [{ accessKey: '  ', secretKey: 'SK' }, 'credentials.accessKey'],
    [{ accessKey: 'AK', secretKey: '' }, 'credentials.secretKey'],
    [{ accessKey: 'AK', secretKey: 'SK', accountId: 5 }, 'credentials.accountId'],
  ])('refuses %j naming %s', (values, option) => {
    const error = thrown(() => new ScpCredentials(values as never, 'test'));
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error).toMatchObject({ option });
  });

  it('a resolved ScpCredentials is used as it is', async () => {
    const credentials = new ScpCredentials({ accessKey: 'AK', secretKey: 'SK' }, 'my vault');
    expect(await createCredentialChain({ credentials })()).toBe(credentials);
  });

  it('a provider is asked, not mistaken for keys', async () => {
    const chain = createCredentialChain({ credentials: async () => ({ accessKey: 'P', secretKey: 'S' }) });
    expect(await chain()).toMatchObject({ accessKey: 'P', source: 'custom provider' });
  });

  it('says what the environment lacks', async () => {
    expect(await fromEnvironment({})()).toBe('environment: SCP_ACCESS_KEY and SCP_SECRET_KEY are not set');
    expect(await fromEnvironment({ SCP_SECRET_KEY: 's' })()).toBe(
      'environment: SCP_SECRET_KEY is set but SCP_ACCESS_KEY is not',
    );
    expect(await fromEnvironment({ SCP_ACCESS_KEY: 'a' })()).toBe(
      'environment: SCP_ACCESS_KEY is set but SCP_SECRET_KEY is not',
    );
  });

  describe('the credentials file', () => {
    const file = (content: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'scp-creds-'));
      writeFileSync(join(dir, 'credentials.json'), content);
      return join(dir, 'credentials.json');
    };

    it.each([
      '{"secret-key":"s"}',
      '{"access-key":"a"}',
      '{"access-key":"","secret-key":"s"}',
      '{"access-key":"a","secret-key":""}',
      '{"access-key":1,"secret-key":"s"}',
      '{"access-key":"a","secret-key":1}',
      'null',
    ])('says %s has no keys', async (content) => {
      const path = file(content);
      expect(await fromCredentialsFile(path)()).toBe(`file ${path}: no "access-key" and "secret-key" strings`);
    });

    it('reads an account id only when it is a string', async () => {
      const withAccount = await fromCredentialsFile(file('{"access-key":"a","secret-key":"s","account-id":"acct"}'))();
      expect(withAccount).toMatchObject({ accessKey: 'a', accountId: 'acct' });
      const numeric = await fromCredentialsFile(file('{"access-key":"a","secret-key":"s","account-id":7}'))();
      expect(numeric).toMatchObject({ accessKey: 'a', accountId: undefined });
    });

    it('says a file that cannot be read is not readable, with its code', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scp-creds-'));
      mkdirSync(join(dir, 'credentials.json'));
      const path = join(dir, 'credentials.json');
      expect(await fromCredentialsFile(path)()).toBe(`file ${path}: not readable (EISDIR)`);
      expect(await fromCredentialsFile(join(dir, 'none.json'))()).toBe(`file ${join(dir, 'none.json')}: not found`);
    });
  });
});

describe('option checks', () => {
  it.each([
    ['maxRetries', 0],
    ['baseDelayMs', 0],
    ['attemptTimeoutMs', 1],
  ])('accepts %s = %i, the smallest allowed', (option, value) => {
    expect(resolveRetryOptions({ [option]: value })).toMatchObject({ [option]: value });
  });

  it.each([
    [{ maxDelayMs: -1 }, /^retry\.maxDelayMs: expected a whole number ≥ 0, received -1$/],
    [{ retryAfterCapMs: -1 }, /^retry\.retryAfterCapMs: /],
    [{ retryOn: [99] }, /^retry\.retryOn\[\]: expected a whole number ≥ 100, received 99$/],
    [{ maxRetries: '2' }, /^retry\.maxRetries: expected a whole number ≥ 0, received a string of 1 characters$/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveRetryOptions(options as never)).toThrow(message);
  });

  it('reads Retry-After as whole seconds only, around spaces', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    expect(retryAfterDelay(' 2 ', now, 20_000)).toBe(2000);
    const fraction = Date.parse('1.5');
    expect(retryAfterDelay('1.5', now, 20_000)).toBe(Number.isNaN(fraction) ? undefined : 0);
    expect(retryAfterDelay('x5', now, 20_000)).toBeUndefined();
  });

  it.each([2 ** 53, [123], 1.5, -1])('refuses the timestamp %j', (timestamp) => {
    expect(thrown(() => normalizeTimestamp(timestamp))).toBeInstanceOf(SigningOptionError);
  });

  it('names the part of a signature input that is wrong', () => {
    const input = { method: 'GET', url: 'https://h/x', timestamp: 1, accessKey: 'AK', secretKey: 'SK' };
    expect(thrown(() => stringToSign({ ...input, url: '' }))).toMatchObject({ option: 'url' });
    expect(thrown(() => stringToSign({ ...input, accountId: 5 as never }))).toMatchObject({ option: 'accountId' });
    expect(thrown(() => stringToSign({ ...input, clientType: '' }))).toMatchObject({ option: 'clientType' });
    expect(stringToSign({ ...input, clientType: 'Custom' })).toBe('GEThttps://h/x1AKCustom');
    expect(stringToSign({ ...input, accountId: 'acct' })).toBe('GEThttps://h/x1AKacctOpenapi');
  });

  it.each(['http:relative', 'https:x', 'http//missing-colon'])(
    'calls %s relative or malformed, not of another scheme',
    (url) => {
      expect(() => requireAbsoluteUrl(url)).toThrow(/received a relative or malformed URL$/);
    },
  );

  it('calls a URL the parser refuses malformed', () => {
    expect(() => parseWireUrl('http://[::1/x')).toThrow(
      /^url: expected an absolute http\(s\) URL, received a malformed URL$/,
    );
  });

  it('signHeaders names an empty secret key', () => {
    const error = thrown(() =>
      signHeaders(new Headers(), 'GET', 'https://h/x', { credentials: { accessKey: 'AK', secretKey: '' } }),
    );
    expect(error).toMatchObject({ option: 'secretKey' });
  });

  it("signHeaders replaces a stale signature, keeps the caller's language and fills in a missing one", () => {
    const credentials = { accessKey: 'AK', secretKey: 'SK' };
    const own = signHeaders(new Headers({ 'scp-signature': 'stale', 'accept-language': 'ko' }), 'GET', 'https://h/x', {
      credentials,
    });
    expect(own.get('scp-signature')).not.toBe('stale');
    expect(own.get('accept-language')).toBe('ko');
    expect(signHeaders(new Headers(), 'GET', 'https://h/x', { credentials }).get('accept-language')).toBe('en-US');
    expect(
      signHeaders(new Headers(), 'GET', 'https://h/x', { credentials, language: 'ja' }).get('accept-language'),
    ).toBe('ja');
    expect(
      signHeaders(new Headers(), 'GET', 'https://h/x', { credentials, language: null }).has('accept-language'),
    ).toBe(false);
  });

  it('redacts exactly the secret-bearing headers', () => {
    const headers = new Headers({
      'scp-signature': 's',
      authorization: 'a',
      cookie: 'c',
      'x-scp-signature': 'shown',
      'scp-signature-version': 'shown',
    });
    expect(redactedHeaders(headers)).toEqual({
      'scp-signature': '[redacted]',
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-scp-signature': 'shown',
      'scp-signature-version': 'shown',
    });
  });
});

describe('ClockSkew', () => {
  it('learns an offset of exactly the threshold', () => {
    const local = Date.parse('2026-01-01T00:00:00Z');
    const skew = new ClockSkew();
    expect(skew.observe(new Date(local + SKEW_THRESHOLD_MS).toUTCString(), local)).toBe(true);
    expect(skew.offsetMs).toBe(SKEW_THRESHOLD_MS);
  });
});

describe('headerRecord', () => {
  it('reads a plain record as it is (values untouched), names in lower case', () => {
    expect(headerRecord({ 'X-A': ' v ' })).toEqual({ 'x-a': ' v ' });
    const bare = Object.assign(Object.create(null), { 'X-B': ' w ' });
    expect(headerRecord(bare)).toEqual({ 'x-b': ' w ' });
  });

  it('reads Headers and pairs as fetch does', () => {
    expect(headerRecord([['X-A', ' v ']])).toEqual({ 'x-a': 'v' });
    expect(headerRecord(new Headers({ 'X-A': 'v' }))).toEqual({ 'x-a': 'v' });
  });

  it('reads nothing from undefined or null', () => {
    expect(headerRecord(undefined)).toEqual({});
    expect(headerRecord(null as never)).toEqual({});
  });
});

describe('decodedBody', () => {
  const decode = (coding: string, data: Buffer) => {
    const errors: Error[] = [];
    return text(decodedBody(Readable.from([data]), coding, (error) => errors.push(error))).then(async (body) => {
      // The pipeline's own callback comes after the end: it must report nothing.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toEqual([]);
      return body;
    });
  };

  it('undoes several codings, the last applied first, whatever their case and spacing', async () => {
    expect(await decode('gzip, br', brotliCompressSync(gzipSync('hello')))).toBe('hello');
    expect(await decode('deflate,GZIP', gzipSync(deflateSync('hello')))).toBe('hello');
  });

  it('reads the bytes as they are when a coding is unknown, as fetch does', async () => {
    expect(await decode('compress', Buffer.from('hello'))).toBe('hello');
    expect(await decode('gzip, compress', Buffer.from('hello'))).toBe('hello');
  });

  it('reads x-gzip as gzip', async () => {
    expect(await decode('x-gzip', gzipSync('hello'))).toBe('hello');
  });

  it("reports a body that does not decode, with zlib's code, and only then", async () => {
    const errors: Error[] = [];
    const decoded = decodedBody(Readable.from([Buffer.from('not gzip')]), 'gzip', (error) => errors.push(error));
    await text(decoded).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => (error as NodeJS.ErrnoException).code)).toEqual(['Z_DATA_ERROR']);
  });
});

describe('nodeHttpSend', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('calls a 2xx status ok, and no other', async () => {
    const server = createServer((request, response) => {
      response.writeHead(Number(request.url?.slice(1)));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seen = [];
    for (const status of [200, 299, 300, 404]) seen.push((await nodeHttpSend('GET', `${url}/${status}`, {})).ok);
    expect(seen).toEqual([true, true, false, false]);
  });
});
