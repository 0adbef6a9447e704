/** SCP's error envelope, as the gateway and the service answer every 4xx/5xx. */
import { randomFillSync } from 'node:crypto';

export interface ErrorAnswer {
  status: number;
  code: string;
  detail: string[];
}

const ID_BYTES = 16;
/** Random bytes for 256 ids, drawn at once: one call to the system's generator per 256 requests. */
const pool = Buffer.alloc(ID_BYTES * 256);
let used = pool.length;

/** `req-` and 32 hex digits (16 random bytes from the pool). */
export function newRequestId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('hex', used, used + ID_BYTES);
  used += ID_BYTES;
  return `req-${id}`;
}

export function envelope(answer: ErrorAnswer, requestId: string): string {
  return JSON.stringify({
    errors: [
      {
        code: answer.code,
        title: answer.code,
        detail: answer.detail,
        status: answer.status,
        request_id: requestId,
        global_request_id: requestId,
        links: [],
        related_resources: [],
        response: null,
      },
    ],
  });
}
