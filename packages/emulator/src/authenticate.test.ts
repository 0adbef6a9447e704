import { computeSignature, createSignedFetch } from '@scp-ske/signing';
import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate.js';
import { startEmulator } from './emulator.js';
import { DEMO_CREDENTIALS, type EmulatorCredentials } from './fixtures.js';

const NOW = Date.parse('2026-11-29T09:00:00Z');
const URL_SENT = 'http://127.0.0.1:8080/v1/clusters';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const withAccount: EmulatorCredentials = { accessKey: 'ACCOUNTKEY', secretKey: 'account-secret', accountId: ACCOUNT };
const [demo] = DEMO_CREDENTIALS as [EmulatorCredentials];

/** A request signed with `key`, sending `accountId` as Scp-AccountId (signed with it) when given. */
function authenticateAs(key: EmulatorCredentials, accountId: string | undefined) {
  const timestamp = String(NOW);
  const headers: Record<string, string | undefined> = {
    'scp-accesskey': key.accessKey,
    'scp-timestamp': timestamp,
    'scp-clienttype': 'Openapi',
    'scp-accountid': accountId,
    'scp-signature': computeSignature({ method: 'GET', url: URL_SENT, timestamp, ...key, accountId }),
  };
  return authenticate({
    method: 'GET',
    url: URL_SENT,
    header: (name) => headers[name.toLowerCase()],
    nowMs: NOW,
    windowMs: 300_000,
    credentials: new Map([withAccount, demo].map((entry) => [entry.accessKey, entry])),
  });
}

describe("Scp-AccountId against the key's account", () => {
  it("accepts the key's own account id, or none (the account is the key's)", () => {
    expect(authenticateAs(withAccount, ACCOUNT)).toBe(withAccount);
    expect(authenticateAs(withAccount, undefined)).toBe(withAccount);
  });

  it('keeps the demo keys (no account) working without the header', () => {
    expect(authenticateAs(demo, undefined)).toBe(demo);
  });

  it.each([
    ['another account id, validly signed', withAccount, 'ffffffffffffffffffffffffffffffff', /not the account/],
    ['an account id for a key without an account', demo, ACCOUNT, /belongs to no account/],
  ])('refuses %s with 401 AccountMismatch', (_name, key, accountId, detail) => {
    const answer = authenticateAs(key, accountId);
    expect(answer).toMatchObject({ status: 401, code: 'AccountMismatch' });
    expect((answer as { detail: string[] }).detail.join(' ')).toMatch(detail);
    expect(JSON.stringify(answer)).not.toContain(ACCOUNT);
  });

  it('checks the signature first: a wrong signature is SignatureMismatch whatever the account', () => {
    const timestamp = String(NOW);
    const answer = authenticate({
      method: 'GET',
      url: URL_SENT,
      header: (name) =>
        ({
          'scp-accesskey': withAccount.accessKey,
          'scp-timestamp': timestamp,
          'scp-clienttype': 'Openapi',
          'scp-accountid': 'ffffffffffffffffffffffffffffffff',
          'scp-signature': 'bm90IGEgc2lnbmF0dXJl',
        })[name.toLowerCase()],
      nowMs: NOW,
      windowMs: 300_000,
      credentials: new Map([[withAccount.accessKey, withAccount]]),
    });
    expect(answer).toMatchObject({ code: 'SignatureMismatch' });
  });

  it('answers a signed client that sends the wrong account 401 in the envelope, and the right one 200', async () => {
    const emulator = await startEmulator({ now: NOW, credentials: [withAccount, demo] });
    try {
      const call = async (credentials: EmulatorCredentials) => {
        const signed = createSignedFetch({ credentials, now: emulator.now, retry: { maxRetries: 0 } });
        const response = await signed(`${emulator.url}/v1/clusters`, { headers: { 'Scp-Api-Version': 'ske 1.3' } });
        return { status: response.status, body: await response.text() };
      };
      expect((await call(withAccount)).status).toBe(200);
      const wrong = await call({ ...withAccount, accountId: 'ffffffffffffffffffffffffffffffff' });
      expect(wrong.status).toBe(401);
      expect(JSON.parse(wrong.body).errors[0]).toMatchObject({ code: 'AccountMismatch', status: 401 });
      expect((await call(demo)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});

describe('authenticate: each check, in order, names what failed', () => {
  const credentials = new Map([withAccount, demo].map((entry) => [entry.accessKey, entry]));
  /** The signing headers of a GET of URL_SENT signed by `demo` at `timestamp`, then `changes` applied. */
  function attempt(
    changes: Record<string, string | undefined> = {},
    options: { nowMs?: number; method?: string } = {},
  ) {
    const timestamp = changes['scp-timestamp'] ?? String(NOW);
    const method = options.method ?? 'GET';
    const headers: Record<string, string | undefined> = {
      'scp-accesskey': demo.accessKey,
      'scp-timestamp': timestamp,
      'scp-clienttype': 'Openapi',
      'scp-signature': /^\d{1,16}$/.test(timestamp)
        ? computeSignature({ method: 'GET', url: URL_SENT, timestamp, ...demo })
        : 'c2lnbmF0dXJl',
      ...changes,
    };
    return authenticate({
      method,
      url: URL_SENT,
      header: (name) => headers[name],
      nowMs: options.nowMs ?? NOW,
      windowMs: 300_000,
      credentials,
    });
  }

  it('accepts a request signed as received', () => {
    expect(attempt()).toBe(demo);
  });

  it.each([
    ['scp-accesskey', 'Scp-AccessKey'],
    ['scp-timestamp', 'Scp-Timestamp'],
    ['scp-signature', 'Scp-Signature'],
    ['scp-clienttype', 'Scp-ClientType'],
  ])('refuses a request without %s (or with it empty), naming it', (header, name) => {
    for (const value of [undefined, '']) {
      expect(attempt({ [header]: value })).toEqual({
        status: 401,
        code: 'MissingSignatureHeader',
        detail: [`Missing signing header(s): ${name}.`],
      });
    }
  });

  it('names every missing header, in the order of the scheme', () => {
    const none = {
      'scp-accesskey': undefined,
      'scp-timestamp': undefined,
      'scp-signature': undefined,
      'scp-clienttype': undefined,
    };
    expect(attempt(none)).toEqual({
      status: 401,
      code: 'MissingSignatureHeader',
      detail: ['Missing signing header(s): Scp-AccessKey, Scp-Timestamp, Scp-Signature, Scp-ClientType.'],
    });
  });

  it('refuses another client type, even in other case', () => {
    for (const clientType of ['openapi', 'OpenApi ', 'Console']) {
      expect(attempt({ 'scp-clienttype': clientType })).toEqual({
        status: 401,
        code: 'InvalidClientType',
        detail: ['Scp-ClientType must be "Openapi".'],
      });
    }
  });

  it.each([
    ['seconds with a fraction', '1796000000.5'],
    ['a negative time', '-1796000000000'],
    ['text', 'now'],
    ['17 digits', '12345678901234567'],
    ['a number after a digit', '1e12'],
    ['digits after a space', ' 1796000000000'],
    ['digits before a newline', '1796000000000\n'],
  ])('refuses a timestamp that is not Unix time in milliseconds: %s', (_name, timestamp) => {
    expect(attempt({ 'scp-timestamp': timestamp })).toEqual({
      status: 401,
      code: 'InvalidTimestamp',
      detail: ['Scp-Timestamp must be Unix time in milliseconds.'],
    });
  });

  it('accepts a timestamp up to the window away, on either side, and refuses one a millisecond further', () => {
    const outside = {
      status: 401,
      code: 'TimestampOutOfWindow',
      detail: ["Scp-Timestamp is more than 300000 ms away from the server's clock."],
    };
    expect(attempt({}, { nowMs: NOW + 300_000 })).toBe(demo);
    expect(attempt({}, { nowMs: NOW - 300_000 })).toBe(demo);
    expect(attempt({}, { nowMs: NOW + 300_001 })).toEqual(outside);
    expect(attempt({}, { nowMs: NOW - 300_001 })).toEqual(outside);
  });

  it('refuses an access key it does not know', () => {
    expect(attempt({ 'scp-accesskey': 'NOSUCHKEY' })).toEqual({
      status: 401,
      code: 'UnknownAccessKey',
      detail: ['The access key is not known.'],
    });
  });

  it('tells a signature that does not match from a request that cannot be signed', () => {
    expect(attempt({ 'scp-signature': 'c2lnbmF0dXJl' })).toEqual({
      status: 401,
      code: 'SignatureMismatch',
      detail: ['The signature does not match the request.'],
    });
    expect(attempt({}, { method: 'GET\r\nX: y' })).toEqual({
      status: 401,
      code: 'SignatureMismatch',
      detail: ['The request cannot be signed as received (malformed method or URL).'],
    });
  });

  it('refuses a valid signature for another method', () => {
    expect(attempt({}, { method: 'DELETE' })).toMatchObject({ code: 'SignatureMismatch' });
  });

  it('names the account check without quoting either account', () => {
    expect(authenticateAs(withAccount, 'ffffffffffffffffffffffffffffffff')).toEqual({
      status: 401,
      code: 'AccountMismatch',
      detail: ['Scp-AccountId is not the account of this access key.'],
    });
    expect(authenticateAs(demo, ACCOUNT)).toEqual({
      status: 401,
      code: 'AccountMismatch',
      detail: ['This access key belongs to no account: send no Scp-AccountId.'],
    });
  });
});
