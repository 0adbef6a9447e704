/**
 * Step 0, the Host header as RFC 9112 §3.2 requires it: exactly one, a valid `host[:port]`. An
 * HTTP/1.1 request without one, with two, or with a malformed one (userinfo, spaces, empty) is a
 * 400 `ValidationError`; HTTP/1.0 may send none.
 */
import type { Exchange, Step } from '../pipeline.js';

/** `uri-host [":" port]`: an IP literal, or a non-empty reg-name / IPv4 address. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::\d*)?$/;

const refuse = (exchange: Exchange, detail: string) =>
  exchange.fail({ status: 400, code: 'ValidationError', detail: [detail] });

export const checkHost: Step = (exchange) => {
  // Counted from the raw header list: Node keeps only the first Host in `headers`.
  const raw = exchange.request.rawHeaders;
  let host: string | undefined;
  let count = 0;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') {
      count += 1;
      host ??= raw[index + 1];
    }
  }
  if (count > 1) return refuse(exchange, 'A request carries exactly one Host header; this one has several.');
  if (host === undefined) {
    return exchange.request.httpVersion === '1.0'
      ? undefined
      : refuse(exchange, 'A Host header is required (HTTP/1.1).');
  }
  if (!HOST.test(host)) return refuse(exchange, 'The Host header is not a valid host[:port].');
  return undefined;
};
