/**
 * The headers of every answer: `cache-control: no-store` (kubeconfigs hold credentials, and no answer
 * may be cached), the body's length (counted once for a cached body, else now) and type, `date` from
 * the emulator's clock, the request id, then the reply's own headers, which win. Built as one plain
 * object per answer (no spread: V8 copies spread objects slowly), with the `date` text written once
 * per second of the clock.
 */

let dateSecond = Number.NaN;
let dateText = '';

/** The IMF-fixdate of an instant (`Mon, 01 Dec 2025 00:00:00 GMT`), as `Date#toUTCString` writes it. */
export function httpDate(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== dateSecond) {
    dateText = new Date(epochMs).toUTCString();
    dateSecond = second;
  }
  return dateText;
}

export function answerHeaders(
  answer: { body: string; bodyBytes?: number; contentType: string; headers?: Record<string, string> | undefined },
  epochMs: number,
  requestId: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'content-length': String(answer.bodyBytes ?? Buffer.byteLength(answer.body)),
    'content-type': answer.contentType,
    date: httpDate(epochMs),
    'x-request-id': requestId,
  };
  const own = answer.headers;
  if (own !== undefined) for (const name of Object.keys(own)) headers[name] = own[name] as string;
  return headers;
}
