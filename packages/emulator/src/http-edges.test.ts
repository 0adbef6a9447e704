import { computeSignature } from '@scp-ske/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './emulator.js';
import { DEMO_CREDENTIALS } from './fixtures.js';
import { type RawAnswer, rawExchange } from './testing/raw-http.js';

const [key] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
let emulator: Emulator;
let host: string;
beforeAll(async () => {
  emulator = await startEmulator({ now: '2026-11-29T09:00:00Z' });
  host = new URL(emulator.url).host;
});
afterAll(() => emulator.close());

const errorOf = (answer: RawAnswer | undefined) => JSON.parse(answer?.body ?? '').errors[0];
const statusLines = (raw: string) => raw.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];

describe('a broken request body gets one answer, never two', () => {
  const chunkedHead = () => `GET /v1/clusters HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\n`;
  const brokenChunk = 'zz\r\nnot a chunk\r\n0\r\n\r\n';

  it('closes the connection, without a second answer, when the body breaks after the answer', async () => {
    const { answers, raw } = await rawExchange(emulator.url, [chunkedHead(), brokenChunk]);
    expect(answers.map((answer) => answer.status)).toEqual([401]);
    expect(statusLines(raw)).toHaveLength(1);
  });

  it('answers 400 in the envelope, once, when the body is broken before the answer', async () => {
    const { answers, raw } = await rawExchange(emulator.url, [chunkedHead() + brokenChunk]);
    expect(answers.map((answer) => answer.status)).toEqual([400]);
    expect(errorOf(answers[0])).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(statusLines(raw)).toHaveLength(1);
    // Answered through the request's own response, so that the record shows what was sent.
    expect(emulator.requests.at(-1)).toMatchObject({ url: '/v1/clusters', status: 400, code: 'ValidationError' });
  });

  it('answers a malformed request after the one before it, in order, on a keep-alive connection', async () => {
    const first = `GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    for (const parts of [[first, 'GARBAGE\r\n\r\n'], [`${first}GARBAGE\r\n\r\n`]]) {
      const { answers } = await rawExchange(emulator.url, parts);
      expect(answers.map((answer) => answer.status)).toEqual([200, 400]);
      expect(JSON.parse(answers[0]?.body ?? '').versions).toBeInstanceOf(Array);
      expect(errorOf(answers[1])).toMatchObject({ code: 'ValidationError' });
    }
  });
});

describe('the Host header (RFC 9112 §3.2) and Expect, answered in the envelope', () => {
  it.each([
    ['two Host headers', `Host: ${'127.0.0.1:1'}\r\nHost: evil.example`, /one Host header/],
    ['no Host header in HTTP/1.1', '', /Host header is required/],
    ['a Host with userinfo', 'Host: user@127.0.0.1', /not a valid host/],
    ['an empty Host', 'Host: ', /not a valid host/],
  ])('refuses %s with 400 ValidationError', async (_name, hostLines, detail) => {
    const lines = hostLines ? `${hostLines}\r\n` : '';
    const { answers } = await rawExchange(emulator.url, [`GET / HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`]);
    expect(answers.map((answer) => answer.status)).toEqual([400]);
    expect(answers[0]?.headers['content-type']).toBe('application/json');
    const error = errorOf(answers[0]);
    expect(error).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(error.detail.join(' ')).toMatch(detail);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 400, code: 'ValidationError' });
  });

  it('accepts HTTP/1.0 without a Host header', async () => {
    const { answers } = await rawExchange(emulator.url, ['GET / HTTP/1.0\r\n\r\n']);
    expect(answers.map((answer) => answer.status)).toEqual([200]);
  });

  it('answers an Expect other than 100-continue with 417 ExpectationFailed in the envelope', async () => {
    const { answers } = await rawExchange(emulator.url, [
      `GET / HTTP/1.1\r\nHost: ${host}\r\nExpect: bogus\r\nConnection: close\r\n\r\n`,
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([417]);
    expect(errorOf(answers[0])).toMatchObject({ code: 'ExpectationFailed', status: 417 });
    expect(emulator.requests.at(-1)).toMatchObject({ status: 417, code: 'ExpectationFailed' });
  });

  it('still answers Expect: 100-continue', async () => {
    const { answers } = await rawExchange(emulator.url, [
      `GET / HTTP/1.1\r\nHost: ${host}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([100, 200]);
  });
});

describe('an absolute-form request target (RFC 9112 §3.2.2)', () => {
  function signedRequest(target: string, hostHeader: string) {
    const timestamp = String(emulator.now());
    const signature = computeSignature({
      method: 'GET',
      url: target,
      timestamp,
      accessKey: key.accessKey,
      secretKey: key.secretKey,
    });
    return [
      `GET ${target} HTTP/1.1`,
      `Host: ${hostHeader}`,
      `Scp-AccessKey: ${key.accessKey}`,
      `Scp-Timestamp: ${timestamp}`,
      `Scp-Signature: ${signature}`,
      'Scp-ClientType: Openapi',
      'Scp-Api-Version: ske 1.3',
      'Connection: close',
      '',
      '',
    ].join('\r\n');
  }

  it('verifies the signature over the absolute URL as sent', async () => {
    const { answers } = await rawExchange(emulator.url, [signedRequest(`${emulator.url}/v1/clusters?size=1`, host)]);
    expect(answers.map((answer) => answer.status)).toEqual([200]);
    expect(JSON.parse(answers[0]?.body ?? '').clusters).toHaveLength(1);
  });

  it('takes the authority from the target, not from a Host header that differs', async () => {
    const { answers } = await rawExchange(emulator.url, [
      signedRequest(`${emulator.url}/v1/clusters?size=1`, 'proxy.example:3128'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200]);
  });

  it('refuses a signature made over the origin-form URL with another authority', async () => {
    const request = signedRequest(`${emulator.url}/v1/clusters`, host).replace(
      `GET ${emulator.url}/v1/clusters`,
      'GET http://other.example/v1/clusters',
    );
    const { answers } = await rawExchange(emulator.url, [request]);
    expect(answers.map((answer) => answer.status)).toEqual([401]);
    expect(errorOf(answers[0])).toMatchObject({ code: 'SignatureMismatch' });
  });
});
