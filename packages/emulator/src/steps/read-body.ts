/**
 * Step 9, the request body, for an operation that takes one (request-body.ts): JSON only (415
 * `UnsupportedMediaType`), at most 1 MiB (413 `PayloadTooLarge`), present when required and valid
 * against the version's schema, unknown fields refused (400 `ValidationError` naming every problem).
 * An operation that takes no body ignores one sent.
 */
import { announcesBody } from '../malformed-http.js';
import type { Step } from '../pipeline.js';
import { BODY_LIMIT_BYTES, checkBody, isJsonType, missingBody } from '../request-body.js';

export function readBody(limit = BODY_LIMIT_BYTES): Step {
  return (exchange) => {
    const spec = exchange.matched.route.requestBody;
    if (!spec) return undefined;
    if (!announcesBody(exchange.request)) return spec.required ? exchange.fail(missingBody(spec)) : undefined;
    const contentType = exchange.header('content-type');
    if (!isJsonType(contentType)) {
      return exchange.fail(
        {
          status: 415,
          code: 'UnsupportedMediaType',
          detail: [`The request body must be application/json${contentType ? '' : ' (no Content-Type was sent)'}.`],
        },
        { connection: 'close' },
      );
    }
    return exchange.bodyText(limit).then((read) => {
      if ('broken' in read) {
        return exchange.fail(
          { status: 400, code: 'ValidationError', detail: ['The request body ended before it was complete.'] },
          { connection: 'close' },
        );
      }
      if ('tooLarge' in read) {
        return exchange.fail(
          {
            status: 413,
            code: 'PayloadTooLarge',
            detail: [`The request body is larger than the ${limit} bytes (1 MiB) the emulator reads.`],
          },
          { connection: 'close' },
        );
      }
      const checked = checkBody(spec, read.text, exchange.version.apiVersion, (value) => {
        exchange.record.body = value;
      });
      if ('code' in checked) return exchange.fail(checked);
      exchange.body = checked.value;
      return undefined;
    });
  };
}
