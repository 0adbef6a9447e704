/**
 * Step 0, the Host header as RFC 9112 §3.2 requires it: exactly one, a valid `host[:port]`. An
 * HTTP/1.1 request without one, with two, or with a malformed one (userinfo, spaces, empty) is a
 * 400 `ValidationError`; HTTP/1.0 may send none.
 */
import type { Step } from '../pipeline.js';

/** `uri-host [":" port]`: an IP literal, or a non-empty reg-name / IPv4 address. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~%!$&'()*+,;=]+)(?::\d*)?$/;

export const checkHost: Step = (exchange) => {
  const hosts = exchange.request.headersDistinct.host ?? [];
  const refuse = (detail: string) => exchange.fail({ status: 400, code: 'ValidationError', detail: [detail] });
  if (hosts.length > 1) return refuse('A request carries exactly one Host header; this one has several.');
  const [host] = hosts;
  if (host === undefined) {
    return exchange.request.httpVersion === '1.0' ? undefined : refuse('A Host header is required (HTTP/1.1).');
  }
  if (!HOST.test(host)) return refuse('The Host header is not a valid host[:port].');
  return undefined;
};
