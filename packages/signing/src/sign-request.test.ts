import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SigningOptionError } from './errors.js';
import { parseWireUrl } from './sign-request.js';

/** What parsing gives: the URL's href without its fragment. */
const parsed = (text: string) => {
  const { href } = new URL(text);
  const hash = href.indexOf('#');
  return hash === -1 ? href : href.slice(0, hash);
};

const ORIGINS = ['http://127.0.0.1:8080', 'https://ske.kr-west1.e.samsungsdscloud.com', 'http://[::1]:9000'];

describe('parseWireUrl', () => {
  it('normalises as the URL parser does: host case, default port, dot segments, escapes, fragment', () => {
    expect(parseWireUrl('HTTPS://SKE.Example.com:443/a/./b/../c?q=x y#frag')).toBe(
      'https://ske.example.com/a/c?q=x%20y',
    );
    expect(parseWireUrl('http://h/%2e%2E/x')).toBe('http://h/x');
    expect(parseWireUrl("https://h/p'?q='")).toBe("https://h/p'?q=%27");
    expect(parseWireUrl("https://h/p'?q='")).toBe("https://h/p'?q=%27"); // the origin seen before
    expect(parseWireUrl(new URL('http://h:80/v1'))).toBe('http://h/v1');
  });

  it('gives what parsing gives for any path and query, whatever origins it has seen before', () => {
    for (const origin of ORIGINS) parseWireUrl(`${origin}/`);
    // Mostly characters the parser keeps, now and then one it changes, so that both paths are taken.
    const kept = fc.constantFrom(...'abcXYZ019-._~!$&()*+,;=:@/?'.split(''), '%41', '%2f');
    const changed = fc.constantFrom(...'\'#[]{}|\\^` "<>é%'.split(''), '%2e', '%2E', '%zz', '/.', '/..', "?'");
    const pathCharacter = fc.oneof({ arbitrary: kept, weight: 12 }, { arbitrary: changed, weight: 1 });
    fc.assert(
      fc.property(fc.constantFrom(...ORIGINS), fc.array(pathCharacter, { maxLength: 20 }), (origin, parts) => {
        const text = `${origin}/${parts.join('')}`;
        expect(parseWireUrl(text)).toBe(parsed(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('normalises an origin written in another form than the parsed one, every time', () => {
    parseWireUrl('http://127.0.0.1:8080/');
    expect(parseWireUrl('http://127.0.0.1:08080/v1')).toBe('http://127.0.0.1:8080/v1');
    expect(parseWireUrl('HTTP://127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080/v1');
    expect(() => parseWireUrl('http://user:pw@127.0.0.1:8080/v1')).toThrow(SigningOptionError);
  });

  it('refuses what is not an absolute http(s) URL, naming the url and never quoting it', () => {
    for (const text of ['/v1/clusters', 'ftp://h/x', 'http://user:secret@h/x', 'http://[bad/x']) {
      const error = (() => {
        try {
          parseWireUrl(text);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SigningOptionError);
      expect((error as SigningOptionError).message).toContain('url');
      expect((error as SigningOptionError).message).not.toContain('secret');
    }
  });
});
