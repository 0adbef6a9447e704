import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTarget } from './request-target.js';

/** What URL reads: the path, and the query's pairs. */
function byUrl(target: string) {
  const url = new URL(target.startsWith('/') ? `http://emulator.invalid${target}` : target);
  return { pathname: url.pathname, pairs: [...url.searchParams] };
}

function read(target: string) {
  const read = readTarget(target);
  return read && { pathname: read.pathname, pairs: [...new URLSearchParams(read.search)] };
}

describe('readTarget', () => {
  it('splits a plain target at ?', () => {
    expect(readTarget('/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private')).toEqual(
      {
        pathname: '/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig',
        search: '?kubeconfig_type=private',
      },
    );
    expect(readTarget('/v1/clusters')).toEqual({ pathname: '/v1/clusters', search: '' });
  });

  it('reads other targets as URL does: dot segments, escapes, origin-form // paths, absolute form', () => {
    expect(readTarget('/a/../v1/./clusters?x=1#frag')).toEqual({ pathname: '/v1/clusters', search: '?x=1' });
    expect(readTarget('/v1/clusters/%2e%2e/x')).toEqual({ pathname: '/v1/x', search: '' });
    expect(readTarget('//a')).toEqual({ pathname: '//a', search: '' });
    expect(readTarget('http://127.0.0.1:8080/v1/clusters?size=1')).toEqual({
      pathname: '/v1/clusters',
      search: '?size=1',
    });
    expect(readTarget('http://[::1')).toBeUndefined();
  });

  it('reads every target as URL does', () => {
    // Mostly what a client sends (the direct reading), and anything else.
    const plain = fc.constantFrom(...'aZ09-_~/?.%=&+,:;!$*()@'.split(''));
    const any = fc.constantFrom(...'aZ09-_~/.?%2e&=+#\\ "\'<>`{}|^[]!$*(),;:@é\t'.split(''));
    const rest = fc.oneof(fc.string({ unit: plain, maxLength: 30 }), fc.string({ unit: any, maxLength: 30 }));
    fc.assert(
      fc.property(rest, (rest) => {
        const target = `/${rest}`;
        expect(read(target)).toEqual(byUrl(target));
      }),
      { numRuns: 5000 },
    );
  });
});
