/**
 * `resolveEndpoint`: an explicit endpoint (checked, never quoted when it carries a password) or the
 * spec's server template filled with a checked environment and region, each refusal naming the option.
 */
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './endpoint.js';
import { SkeInputError } from './errors.js';
import { contract } from './test-support.js';

const { server: template } = contract();

function refusal(options: Parameters<typeof resolveEndpoint>[1]): SkeInputError {
  try {
    resolveEndpoint(template, options);
  } catch (caught) {
    return caught as SkeInputError;
  }
  throw new Error('resolveEndpoint accepted it');
}

describe('resolveEndpoint', () => {
  it('fills the spec server template', () => {
    expect(resolveEndpoint(template, { region: 'kr-east1', environment: 's' })).toBe(
      'https://ske.kr-east1.s.samsungsdscloud.com',
    );
    expect(resolveEndpoint(template, { region: 'kr-south1', environment: 'g' })).toBe(
      'https://ske.kr-south1.g.samsungsdscloud.com',
    );
  });

  it.each([
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:8080//', 'http://127.0.0.1:8080'],
    ['https://proxy.example.com/ske/v1/', 'https://proxy.example.com/ske/v1'],
    ['HTTPS://ske.example.com', 'HTTPS://ske.example.com'],
  ])('prefers an explicit endpoint (%s), without its trailing slashes', (endpoint, base) => {
    expect(resolveEndpoint(template, { endpoint, region: 'x', environment: 'y' })).toBe(base);
  });

  it.each([
    [{}, 'environment', 'one of s, g (or pass endpoint)'],
    [{ environment: 'x', region: 'kr-west1' }, 'environment', 'one of s, g (or pass endpoint), received "x"'],
    [{ environment: 's' }, 'region', 'one of kr-west1, kr-east1 for environment "s"'],
    [{ environment: 'g', region: 'kr-west1' }, 'region', 'one of kr-south1 for environment "g", received "kr-west1"'],
    [{ endpoint: 'ske.example.com' }, 'endpoint', 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080'],
    [{ endpoint: 'http://h/?a=b' }, 'endpoint', 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080'],
    [{ endpoint: 'ftp://h/' }, 'endpoint', 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080'],
    [
      { endpoint: 'xhttp://127.0.0.1:8080' },
      'endpoint',
      'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080',
    ],
    [{ endpoint: 5 }, 'endpoint', 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080'],
  ])('refuses %o, naming the option and what it expected', (options, argument, expected) => {
    const error = refusal(options as never);
    expect(error).toBeInstanceOf(SkeInputError);
    expect(error).toMatchObject({ argument, expected, code: 'ERR_SKE_INPUT' });
  });

  it('refuses a URL object (the option is a string), even one whose text has a password, without quoting it', () => {
    for (const endpoint of [new URL('http://127.0.0.1:8080'), new URL('http://user:CANARY-password@127.0.0.1:8080')]) {
      const error = refusal({ endpoint: endpoint as never });
      expect(error).toMatchObject({
        argument: 'endpoint',
        expected: 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080',
      });
      expect(`${error.message} ${error.stack}`).not.toContain('CANARY');
    }
  });

  it.each([
    'http://user:CANARY-password@127.0.0.1:8080',
    'http://user@127.0.0.1:8080/',
    'https://:CANARY-password@ske.example.com',
  ])('refuses an endpoint with userinfo (%s), never quoting it', (endpoint) => {
    const error = refusal({ endpoint });
    expect(error).toBeInstanceOf(SkeInputError);
    expect(error).toMatchObject({ argument: 'endpoint', code: 'ERR_SKE_INPUT' });
    expect(error.message).toBe(
      'endpoint: expected an absolute http(s) URL without a user name or password (SCP authenticates with the signing headers), e.g. http://127.0.0.1:8080',
    );
    expect(`${error.message} ${error.stack}`).not.toContain('CANARY');
  });

  it('keeps an @ in the path, which is no userinfo, even in a URL the path holds', () => {
    expect(resolveEndpoint(template, { endpoint: 'http://127.0.0.1:8080/proxy/@ske' })).toBe(
      'http://127.0.0.1:8080/proxy/@ske',
    );
    expect(resolveEndpoint(template, { endpoint: 'http://127.0.0.1:8080/to/https://u@ske' })).toBe(
      'http://127.0.0.1:8080/to/https://u@ske',
    );
  });
});
