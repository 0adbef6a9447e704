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
