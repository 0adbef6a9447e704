/** SCP's error envelope, as the gateway and the service answer every 4xx/5xx. */
import { randomUUID } from 'node:crypto';

export interface ErrorAnswer {
  status: number;
  code: string;
  detail: string[];
}

/** `req-` and 32 hex digits; randomUUID draws from a pooled entropy buffer, not a syscall per request. */
export const newRequestId = (): string => `req-${randomUUID().replaceAll('-', '')}`;

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
