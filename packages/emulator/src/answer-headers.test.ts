import { describe, expect, it } from 'vitest';
import { answerHeaders, httpDate } from './answer-headers.js';

describe('httpDate', () => {
  it('writes what Date#toUTCString writes, for instants in one second, the next, and earlier ones', () => {
    const start = Date.parse('2026-11-29T09:00:00.000Z');
    for (const at of [start, start + 1, start + 999, start + 1000, start + 61_500, start - 1, start, 0, -1]) {
      expect(httpDate(at)).toBe(new Date(at).toUTCString());
    }
  });
});

describe('answerHeaders', () => {
  const at = Date.parse('2026-11-29T09:00:00Z');

  it('carries no-store, the byte length and type of the body, the date and the request id', () => {
    expect(answerHeaders({ body: 'é', contentType: 'application/yaml' }, at, 'req-1')).toEqual({
      'cache-control': 'no-store',
      'content-length': '2',
      'content-type': 'application/yaml',
      date: 'Sun, 29 Nov 2026 09:00:00 GMT',
      'x-request-id': 'req-1',
    });
  });

  it('takes a length already counted (a cached body) instead of counting again', () => {
    // A count that is not this body's shows that it is taken as given.
    const headers = answerHeaders({ body: 'é', bodyBytes: 7, contentType: 'application/yaml' }, at, 'req-3');
    expect(headers['content-length']).toBe('7');
  });

  it("adds the reply's own headers, which win over the common ones, in the common ones' order", () => {
    const headers = answerHeaders(
      { body: '{}', contentType: 'application/json', headers: { 'retry-after': '3', 'cache-control': 'private' } },
      at,
      'req-2',
    );
    expect(Object.entries(headers)).toEqual([
      ['cache-control', 'private'],
      ['content-length', '2'],
      ['content-type', 'application/json'],
      ['date', 'Sun, 29 Nov 2026 09:00:00 GMT'],
      ['x-request-id', 'req-2'],
      ['retry-after', '3'],
    ]);
  });
});
