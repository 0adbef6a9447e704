/** Where a redirect leads, each rule pinned: what is followed (same origin), how, and what is refused. */
import { describe, expect, it } from 'vitest';
import { RedirectRefusedError, SkeError } from './errors.js';
import { MAX_REDIRECTS, REDIRECT_STATUSES, type Redirected, redirectTarget } from './redirect.js';

const FROM = 'http://127.0.0.1:8080/v1/clusters?size=1';
const get: Redirected = { method: 'GET', url: FROM, replayable: true };
const post: Redirected = { method: 'POST', url: FROM, replayable: true };

describe('redirectTarget', () => {
  it('follows the statuses fetch follows, to the same origin, resolving a relative Location', () => {
    expect([...REDIRECT_STATUSES]).toEqual([301, 302, 303, 307, 308]);
    for (const status of REDIRECT_STATUSES) {
      expect(redirectTarget(status, '/v2/clusters?size=1#top', get, 0)).toEqual({
        url: 'http://127.0.0.1:8080/v2/clusters?size=1#top',
        method: 'GET',
      });
    }
    expect(redirectTarget(302, 'http://127.0.0.1:8080/x', get, 0)).toEqual({
      url: 'http://127.0.0.1:8080/x',
      method: 'GET',
    });
  });

  it.each([
    ['another status', 200, '/x'],
    ['304', 304, '/x'],
    ['300', 300, '/x'],
    ['no Location', 302, null],
    ['a Location that is not a URL', 302, 'http://[bad'],
  ])('does not follow %s', (_name, status, location) => {
    expect(redirectTarget(status, location, get, 0)).toBeUndefined();
  });

  it.each([
    [303, 'GET', 'GET'],
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [301, 'PUT', 'PUT'],
    [302, 'DELETE', 'DELETE'],
    [307, 'POST', 'POST'],
    [308, 'POST', 'POST'],
    [307, 'PUT', 'PUT'],
  ])('sends a %i after %s as %s, as fetch does', (status, method, expected) => {
    expect(redirectTarget(status, '/y', { method, url: FROM, replayable: true }, 0)).toEqual({
      url: 'http://127.0.0.1:8080/y',
      method: expected,
    });
  });

  it.each([
    ['another port', 'http://127.0.0.1:8081/x', 'another origin, http://127.0.0.1:8081'],
    ['another host', 'http://attacker.example/x?k=1', 'another origin, http://attacker.example'],
    ['another scheme', 'https://127.0.0.1:8080/x', 'another origin, https://127.0.0.1:8080'],
    ['a scheme that is not http', 'file:///etc/passwd', 'another origin, null'],
  ])('refuses a redirect to %s, naming origins only', (_name, location, where) => {
    const refused = redirectTarget(307, location, post, 0);
    expect(refused).toBeInstanceOf(RedirectRefusedError);
    expect(refused).toBeInstanceOf(SkeError);
    expect(refused).toMatchObject({
      name: 'RedirectRefusedError',
      code: 'ERR_SKE_REDIRECT_REFUSED',
      reason: 'other-origin',
      status: 307,
    });
    expect((refused as Error).message).toBe(
      `refused to follow a 307 redirect of POST http://127.0.0.1:8080: it leads to ${where}, and signing headers are only sent to the origin a request was made for`,
    );
  });

  it.each([
    ['a user name', 'http://user@127.0.0.1:8080/x'],
    ['a password', 'http://:secret-password@127.0.0.1:8080/x'],
  ])('refuses a redirect to the same origin with %s, never quoting it', (_name, location) => {
    const refused = redirectTarget(302, location, get, 0) as RedirectRefusedError;
    expect(refused).toMatchObject({ reason: 'other-origin', status: 302 });
    expect(refused.message).toBe(
      'refused to follow a 302 redirect of GET http://127.0.0.1:8080: it leads to a URL with a user name or password',
    );
  });

  it(`follows ${MAX_REDIRECTS} redirects in a row, and refuses the next`, () => {
    expect(MAX_REDIRECTS).toBe(20);
    expect(redirectTarget(302, '/x', get, MAX_REDIRECTS - 1)).toEqual({
      url: 'http://127.0.0.1:8080/x',
      method: 'GET',
    });
    const refused = redirectTarget(302, '/x', get, MAX_REDIRECTS) as RedirectRefusedError;
    expect(refused).toMatchObject({ reason: 'too-many-redirects', status: 302 });
    expect(refused.message).toBe(
      'refused to follow a 302 redirect of GET http://127.0.0.1:8080: too many redirects in a row',
    );
  });

  it('refuses to send a streamed body again, and needs not to when the redirect drops it', () => {
    const streamed: Redirected = { method: 'POST', url: FROM, replayable: false };
    const refused = redirectTarget(307, '/x', streamed, 0) as RedirectRefusedError;
    expect(refused).toMatchObject({ reason: 'stream-body', status: 307 });
    expect(refused.message).toBe(
      'refused to follow a 307 redirect of POST http://127.0.0.1:8080: the request body is a stream, which cannot be sent again',
    );
    expect(redirectTarget(303, '/x', streamed, 0)).toEqual({ url: 'http://127.0.0.1:8080/x', method: 'GET' });
  });
});
