import { describe, expect, it } from 'vitest';
import { envelope, newRequestId } from './envelope.js';

describe('newRequestId', () => {
  it('is req- and 32 lower-case hex digits, and does not repeat', () => {
    const ids = Array.from({ length: 1000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req-[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('envelope', () => {
  it("writes SCP's error envelope with the request id", () => {
    const body = JSON.parse(envelope({ status: 404, code: 'NotFound', detail: ['No cluster.'] }, 'req-1'));
    expect(body.errors[0]).toMatchObject({
      code: 'NotFound',
      title: 'NotFound',
      detail: ['No cluster.'],
      status: 404,
      request_id: 'req-1',
    });
  });
});
