import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { announcesBody } from './malformed-http.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('announcesBody', () => {
  it('is true for Transfer-Encoding or a Content-Length other than 0', () => {
    expect(announcesBody(request({ 'transfer-encoding': 'chunked' }))).toBe(true);
    expect(announcesBody(request({ 'content-length': '12' }))).toBe(true);
  });

  it('is false without them, or with Content-Length: 0', () => {
    expect(announcesBody(request({ host: 'x' }))).toBe(false);
    expect(announcesBody(request({ 'content-length': '0' }))).toBe(false);
  });
});
