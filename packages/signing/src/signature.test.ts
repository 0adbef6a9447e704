import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SigningOptionError } from './errors.js';
import { signingHeaders, wireUrl } from './sign-request.js';
import {
  computeSignature,
  computeSignatureAsync,
  normalizeTimestamp,
  type SignatureInput,
  stringToSign,
} from './signature.js';
import { referenceExample as reference, referenceSignature } from './testing/reference-example.js';

interface Vector extends SignatureInput {
  name: string;
  stringToSign: string;
  signature: string;
}

const vectorsDir = new URL('../test-vectors/', import.meta.url);
const vectors: Vector[] = JSON.parse(readFileSync(new URL('vectors.json', vectorsDir), 'utf8'));

describe('the worked examples of the SCP reference page', () => {
  it('signs without an account id', () => {
    expect(stringToSign(reference)).toBe(
      'GEThttps://ske.kr-west1.e.samsungsdscloud.com/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private1605290625682AKEXAMPLE0123456789Openapi',
    );
    expect(computeSignature(reference)).toBe(referenceSignature);
  });

  it('signs with an account id', () => {
    expect(computeSignature({ ...reference, accountId: '0123456789abcdef0123456789abcdef' })).toBe(
      'gCQzK151SDhX/TgAcRnNZZvteUJRVk4YJzbiSt0Y8Dg=',
    );
  });

  it('computes the same signature asynchronously, and names a missing secret key there too', async () => {
    expect(await computeSignatureAsync(reference)).toBe(referenceSignature);
    await expect(computeSignatureAsync({ ...reference, secretKey: '' })).rejects.toMatchObject({
      name: 'SigningOptionError',
      option: 'secretKey',
    });
  });

  it('accepts the timestamp as a decimal string and the method in lower case', () => {
    expect(computeSignature({ ...reference, method: 'get', timestamp: '1605290625682' })).toBe(referenceSignature);
  });
});

describe('the openssl vector suite (test-vectors/)', () => {
  it('has at least 20 cases', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    expect(stringToSign(vector)).toBe(vector.stringToSign);
    expect(computeSignature(vector)).toBe(vector.signature);
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    '%s: the signed fetch core (signingHeaders) agrees with computeSignature',
    async (_name, vector) => {
      const method = vector.method.toUpperCase();
      const timestamp = normalizeTimestamp(vector.timestamp);
      const headers = await signingHeaders(method, vector.url, vector, timestamp, null);
      expect(headers['scp-signature']).toBe(vector.signature);
      expect(headers['scp-timestamp']).toBe(timestamp);
      expect(headers['scp-accountid']).toBe(vector.accountId || undefined);
    },
  );

  it('is what openssl computes from cases.tsv today', () => {
    const output = execFileSync('bash', [new URL('generate.sh', vectorsDir).pathname, '--check'], { encoding: 'utf8' });
    expect(output).toContain('vectors.json matches openssl');
  });
});

describe('wireUrl', () => {
  it('drops the fragment, which never goes on the wire', () => {
    expect(wireUrl('https://ske.example.com/v1/clusters?a=b#part')).toBe('https://ske.example.com/v1/clusters?a=b');
  });

  it('keeps an @ in the path or query, which is no userinfo', () => {
    expect(wireUrl('https://ske.example.com/v1/a@b?c=d@e')).toBe('https://ske.example.com/v1/a@b?c=d@e');
    expect(wireUrl('https://ske.example.com?x=a@b')).toBe('https://ske.example.com?x=a@b');
  });

  it('refuses userinfo without quoting it', () => {
    expect(() => wireUrl('http://user:CANARY-pw@127.0.0.1:8080/v1')).toThrow(SigningOptionError);
    expect(() => wireUrl('http://user:CANARY-pw@127.0.0.1:8080/v1')).not.toThrow(/CANARY/);
  });
});

describe('bad input', () => {
  const cases: [string, Partial<SignatureInput>, RegExp][] = [
    ['an empty access key', { accessKey: '' }, /^accessKey: expected a non-empty string, received an empty string$/],
    ['a missing secret key', { secretKey: undefined as unknown as string }, /^secretKey: expected a non-empty string/],
    ['a relative URL', { url: '/v1/clusters/x' }, /^url: expected an absolute http\(s\) URL/],
    ['a non-http URL', { url: 'ftp://example.com/' }, /^url: expected an http: or https: URL, received a ftp: URL$/],
    ['a fractional timestamp', { timestamp: 1.5 }, /^timestamp: expected Unix time in milliseconds/],
    ['an infinite timestamp', { timestamp: Number.POSITIVE_INFINITY }, /^timestamp: .* received Infinity$/],
    ['a negative timestamp', { timestamp: -1 }, /^timestamp: expected Unix time in milliseconds/],
    ['a timestamp in seconds with a dot', { timestamp: '1605290625.682' }, /^timestamp: /],
    ['a method with spaces', { method: 'GET /' }, /^method: expected an HTTP method name/],
    [
      'a URL with a user name and password',
      { url: 'https://user:pw@ske.example.com/v1/clusters' },
      /^url: expected a URL without a user name or password .*, received a URL with userinfo$/,
    ],
    ['a URL with a user name', { url: 'http://user@127.0.0.1:8080/' }, /^url: .* received a URL with userinfo$/],
  ];

  it.each(cases)('names the option for %s', (_name, change, message) => {
    const input = { ...reference, ...change } as SignatureInput;
    expect(() => computeSignature(input)).toThrow(SigningOptionError);
    expect(() => computeSignature(input)).toThrow(message);
  });

  it('never puts the secret key in an error', () => {
    const secretKey = 'CANARY-secret-4f1d9b';
    for (const change of [
      { url: 'nope' },
      { timestamp: Number.NaN },
      { accessKey: '' },
      { url: `https://user:${secretKey}@ske.example.com/` },
    ]) {
      try {
        computeSignature({ ...reference, ...change, secretKey } as SignatureInput);
        expect.unreachable();
      } catch (error) {
        expect(String((error as Error).message) + String((error as Error).stack)).not.toContain(secretKey);
      }
    }
  });
});
