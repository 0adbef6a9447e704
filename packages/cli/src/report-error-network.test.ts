/** What report-error.ts says with a call's network context: the host, what to check, the clock skew, --timeout. */
import { SkeApiError } from '@scp-ske/client';
import { NetworkError, SkeTimeoutError } from '@scp-ske/signing';
import { describe, expect, it } from 'vitest';
import { attachNetworkContext, duration } from './network-context.js';
import { describeError } from './report-error.js';

const HOST = 'ske.kr-west1.s.samsungsdscloud.com';
const context = { host: HOST, accessKey: 'AK1', timeoutMs: 30_000 };

function signatureMismatch() {
  const reply = { status: 401, statusText: 'Unauthorized', ok: false, headers: new Headers(), text: async () => '' };
  const body = { errors: [{ code: 'SignatureMismatch', detail: ['The signature does not match the request.'] }] };
  return SkeApiError.fromResponse(reply, JSON.stringify(body), 'ske 1.3');
}

describe('describeError with the network context', () => {
  it('a SignatureMismatch names the access key to check, and the clock skew the Date header shows', () => {
    const error = attachNetworkContext(signatureMismatch(), {
      ...context,
      skewMs: -423_000,
      serverDate: 'Thu, 01 Jan 2026 00:00:00 GMT',
    });
    expect(describeError(error, 'scp-ske').fields.hint).toBe(
      'check that the secret key (SCP_SECRET_KEY, or "secret-key" of ~/.scpconf/credentials.json) belongs to the ' +
        "access key AK1; this machine's clock is 7 min 3 s ahead of the server's (its Date header: Thu, 01 Jan 2026 00:00:00 GMT)",
    );
    expect(describeError(attachNetworkContext(signatureMismatch(), context), 'scp-ske').fields.hint).toMatch(
      /belongs to the access key AK1$/,
    );
  });

  it('a network error names the host and what to check', () => {
    const cause = Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' });
    const error = attachNetworkContext(new NetworkError('GET', `https://${HOST}/v1/clusters`, cause), context);
    const report = describeError(error, 'scp-ske');
    expect(report.message).toBe(`network error: ENOTFOUND reaching ${HOST}`);
    expect(report.fields.hint).toBe(
      `the name ${HOST} does not resolve: check --region and --environment (or --endpoint), and your DNS or VPN`,
    );
  });

  it('a timeout says how long it waited for which host, and names --timeout', () => {
    const error = attachNetworkContext(new SkeTimeoutError(30_000, 'GET', `https://${HOST}/v1/clusters`), context);
    const report = describeError(error, 'scp-ske');
    expect(report).toMatchObject({ exitCode: 1, code: 'ERR_SKE_TIMEOUT' });
    expect(report.message).toBe(`no answer from ${HOST} within 30 s (--timeout)`);
    expect(report.fields.hint).toContain('--timeout sets a longer deadline (default 30 s)');
  });

  it('durations read as a person says them', () => {
    expect([450, 2000, 60_000, 423_000, 3_900_000].map(duration)).toEqual([
      '450 ms',
      '2 s',
      '1 min',
      '7 min 3 s',
      '1 h 5 min',
    ]);
  });
});
