/**
 * The client's error model: each class's `name` and `code`, and `SkeApiError.fromResponse`, which reads
 * SCP's `{"errors":[…]}` envelope field by field (falling back where a field is missing or of another
 * type) and, for a body that is not the envelope, keeps a short excerpt without tags or control characters.
 */
import { describe, expect, it } from 'vitest';
import { BrowserNotAllowedError } from './browser-guard.js';
import {
  isSkeApiError,
  RedirectRefusedError,
  ResponseFormatError,
  ResponseTooLargeError,
  SkeApiError,
  SkeError,
  SkeInputError,
  SkeTimeoutError,
  successEnvelopeError,
  UnsupportedVersionError,
} from './errors.js';
import { KubeconfigFormatError } from './kubeconfig.js';

function reply(status: number, statusText: string, headers: Record<string, string> = {}) {
  return { status, statusText, ok: false, headers: new Headers(headers), text: async () => '' };
}

const envelope = (entry: object) => JSON.stringify({ errors: [entry] });

describe('every error of the client', () => {
  it.each([
    [new SkeInputError('clusterId', 'a string'), 'SkeInputError', 'ERR_SKE_INPUT'],
    [
      new UnsupportedVersionError('ske 1.0', 'ske 1.3', 'is retired', '@scp-ske/client-1.3'),
      'UnsupportedVersionError',
      'ERR_SKE_UNSUPPORTED_VERSION',
    ],
    [new ResponseFormatError('the body is not JSON'), 'ResponseFormatError', 'ERR_SKE_RESPONSE_FORMAT'],
    [SkeApiError.fromResponse(reply(500, 'Internal Server Error'), '', 'ske 1.3'), 'SkeApiError', 'HTTP500'],
    [new KubeconfigFormatError('"kind" is not "Config"'), 'KubeconfigFormatError', 'ERR_SKE_KUBECONFIG_FORMAT'],
    [new BrowserNotAllowedError(), 'BrowserNotAllowedError', 'ERR_SKE_BROWSER_NOT_ALLOWED'],
    [new SkeTimeoutError(300, 'GET', 'http://h/x'), 'SkeTimeoutError', 'ERR_SKE_TIMEOUT'],
    [new ResponseTooLargeError(10, 'GET', 'http://h/x'), 'ResponseTooLargeError', 'ERR_SKE_RESPONSE_TOO_LARGE'],
    [
      new RedirectRefusedError('other-origin', 302, 'GET', 'http://h/x', new URL('http://i/')),
      'RedirectRefusedError',
      'ERR_SKE_REDIRECT_REFUSED',
    ],
  ])('%s has its own name and a stable code, and is a SkeError', (error, name, code) => {
    expect(error).toBeInstanceOf(SkeError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });
});

describe('SkeApiError.fromResponse, from SCP’s envelope', () => {
  it('reads every field, and says them in the message', () => {
    const error = SkeApiError.fromResponse(
      reply(404, 'Not Found', { 'x-request-id': 'from-header' }),
      envelope({ code: 'NotFound', title: 'No such cluster', detail: ['cluster', 'c-1 is gone'], request_id: 'req-1' }),
      'ske 1.2',
    );
    expect(error).toMatchObject({
      status: 404,
      code: 'NotFound',
      title: 'No such cluster',
      detail: ['cluster', 'c-1 is gone'],
      requestId: 'req-1',
      apiVersion: 'ske 1.2',
      bodyExcerpt: undefined,
    });
    expect(error.message).toBe('SKE API 404 NotFound: cluster c-1 is gone (ske 1.2, request req-1)');
  });

  it.each([
    ['a string detail', { detail: 'one line' }, ['one line']],
    ['a number detail', { detail: 7 }, ['7']],
    ['a null detail', { detail: null }, []],
    ['no detail', {}, []],
  ])('makes %s an array', (_name, entry, detail) => {
    const error = SkeApiError.fromResponse(reply(400, 'Bad Request'), envelope({ code: 'X', ...entry }), 'ske 1.3');
    expect(error.detail).toEqual(detail);
    expect(error.message).toBe(`SKE API 400 X${detail.length ? `: ${detail.join(' ')}` : ''} (ske 1.3)`);
  });

  it('falls back field by field where the envelope has another type', () => {
    const error = SkeApiError.fromResponse(
      reply(409, 'Conflict', { 'x-request-id': 'from-header' }),
      envelope({ code: 409, title: ['t'], request_id: 5 }),
      'ske 1.3',
    );
    expect(error).toMatchObject({ code: 'HTTP409', title: 'Conflict', requestId: 'from-header' });
    expect(error.message).toBe('SKE API 409 HTTP409 (ske 1.3, request from-header)');
  });

  it('reads only the first entry', () => {
    const body = JSON.stringify({ errors: [{ code: 'First' }, { code: 'Second' }] });
    expect(SkeApiError.fromResponse(reply(400, 'Bad Request'), body, 'ske 1.3').code).toBe('First');
  });
});

describe('SkeApiError.fromResponse, for any other body', () => {
  it.each([
    ['JSON without the envelope', '{"message":"no"}'],
    ['errors that are not a list', '{"errors":"no"}'],
    ['an empty list', '{"errors":[]}'],
    ['JSON null', 'null'],
    ['text', 'no'],
  ])('%s: the status is the code and the status text the title', (_name, body) => {
    const error = SkeApiError.fromResponse(reply(503, 'Service Unavailable'), body, 'ske 1.3');
    expect(error).toMatchObject({ code: 'HTTP503', title: 'Service Unavailable', detail: [], requestId: undefined });
  });

  it('titles an answer without a status text by its status, and quotes the request id of the header', () => {
    const error = SkeApiError.fromResponse(reply(502, '', { 'x-request-id': 'gw-9' }), '', 'ske 1.1');
    expect(error).toMatchObject({ title: 'HTTP 502', requestId: 'gw-9', bodyExcerpt: undefined });
    expect(error.message).toBe('SKE API 502 HTTP502 (ske 1.1, request gw-9)');
  });

  it.each([
    [
      'scripts and styles, with what is inside them',
      'a<script type="x">var a = 1;</script>b<style>p { x: y }</style>c',
      'a b c',
    ],
    ['tags, each a space', 'one<b>two</b><br/>three', 'one two three'],
    ['control characters, each run a space', 'a\u0001b\u0007\u0008c', 'a b c'],
    ['runs of white space, and the ends', '  a \n\n b\t ', 'a b'],
  ])('the excerpt drops %s', (_name, body, text) => {
    const error = SkeApiError.fromResponse(reply(502, 'Bad Gateway'), body, 'ske 1.3');
    expect(error.bodyExcerpt).toBe(text);
    expect(error.message).toBe(`SKE API 502 HTTP502: ${text} (ske 1.3)`);
  });

  it('cuts the excerpt after 200 characters, and only then', () => {
    const excerptOf = (body: string) =>
      SkeApiError.fromResponse(reply(502, 'Bad Gateway'), body, 'ske 1.3').bodyExcerpt;
    expect(excerptOf('x'.repeat(200))).toBe('x'.repeat(200));
    expect(excerptOf('x'.repeat(201))).toBe(`${'x'.repeat(200)}…`);
    expect(excerptOf('<p> </p>')).toBeUndefined();
  });
});

describe('successEnvelopeError: a 2xx whose body is SCP’s envelope', () => {
  const ok = (headers: Record<string, string> = {}) => ({ ...reply(200, 'OK', headers), ok: true });
  const entry = { code: 'NotFound', title: 'NotFound', detail: ['no such cluster'], status: 404, request_id: 'req-2' };

  it('is the error the envelope reports, with its code and status, whether parsed or text', () => {
    for (const data of [{ errors: [entry] }, JSON.stringify({ errors: [entry] }), `\n  ${envelope(entry)}`]) {
      const error = successEnvelopeError(ok(), data, 'ske 1.3');
      expect(error).toBeInstanceOf(SkeApiError);
      expect(error).toMatchObject({
        status: 404,
        code: 'NotFound',
        title: 'NotFound',
        detail: ['no such cluster'],
        requestId: 'req-2',
        apiVersion: 'ske 1.3',
        bodyExcerpt: undefined,
      });
      expect(error?.message).toBe('SKE API 404 NotFound: no such cluster (ske 1.3, request req-2)');
    }
  });

  it.each([
    [400, 400],
    [599, 599],
    [399, 200],
    [600, 200],
    [404.5, 200],
    ['404', 200],
    [undefined, 200],
  ])('takes the envelope’s status %j only when it is an error status, else the answer’s (%i)', (status, expected) => {
    expect(successEnvelopeError(ok(), { errors: [{ ...entry, status }] }, 'ske 1.3')?.status).toBe(expected);
  });

  it('reads the request id of the header, the title of the answer and no detail where the entry has none', () => {
    const error = successEnvelopeError(ok({ 'x-request-id': 'from-header' }), { errors: [{ code: 'Forbidden' }] }, 'v');
    expect(error).toMatchObject({ code: 'Forbidden', status: 200, title: 'OK', detail: [], requestId: 'from-header' });
  });

  it.each([
    ['a list of clusters', { clusters: [], count: 0 }],
    ['an empty errors array', { errors: [] }],
    ['errors that are not an array', { errors: { code: 'NotFound' } }],
    ['an entry that is not an object', { errors: ['NotFound'] }],
    ['a null entry', { errors: [null] }],
    ['an entry without a string code', { errors: [{ code: 404, title: 'x' }] }],
    ['null', null],
    ['an array', [entry]],
    ['a kubeconfig', 'apiVersion: v1\nkind: Config\n'],
    ['text that only looks like JSON', '{ not json'],
    ['text with an envelope further in', `kind: Config # ${envelope(entry)}`],
    ['a JSON kubeconfig', '{"apiVersion":"v1","kind":"Config"}'],
  ])('is nothing for %s', (_name, data) => {
    expect(successEnvelopeError(ok(), data, 'ske 1.3')).toBeUndefined();
  });
});

describe('isSkeApiError', () => {
  const answer = (status: number) =>
    new SkeApiError({
      status,
      code: 'NotFound',
      title: '',
      detail: [],
      requestId: 'r',
      apiVersion: 'ske 1.3',
      bodyExcerpt: undefined,
    });
  it('recognises an API answer, with the status asked', () => {
    expect(isSkeApiError(answer(404))).toBe(true);
    expect(isSkeApiError(answer(404), 404)).toBe(true);
    expect(isSkeApiError(answer(403), 404)).toBe(false);
    expect(isSkeApiError(new SkeInputError('x', 'y'))).toBe(false);
    expect(isSkeApiError(undefined, 404)).toBe(false);
  });
});
