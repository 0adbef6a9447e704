/** SCP's error envelope, as the gateway and the service answer every 4xx/5xx. */
import { randomBytes } from 'node:crypto';

export interface ErrorAnswer {
  status: number;
  code: string;
  detail: string[];
}

export const newRequestId = (): string => `req-${randomBytes(16).toString('hex')}`;

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
