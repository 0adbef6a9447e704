/**
 * The last resort: an error nobody caught ends as every failure does (one line, or the JSON object,
 * and its exit code), reported once however often it comes back. The process-wide installation is
 * tested through the binary (hostile-server.test.ts).
 */
import { ResponseFormatError } from '@scp-ske/client';
import { describe, expect, it } from 'vitest';
import { lastResort } from './last-resort.js';

function run(json: boolean, debug = false) {
  let stderr = '';
  const exits: number[] = [];
  const handler = lastResort({
    json,
    debug,
    stderr: (text) => {
      stderr += text;
    },
    exit: (code) => exits.push(code),
  });
  return { handler, result: () => ({ stderr, exits }) };
}

describe('lastResort', () => {
  it('reports an unexpected error by its class alone, once, and exits 1', async () => {
    const { handler, result } = run(false);
    await handler(new RangeError('Invalid string length'));
    await handler(new RangeError('Invalid string length'));
    expect(result()).toEqual({
      stderr: 'scp-ske: unexpected error (RangeError); --debug shows more\n',
      exits: [1],
    });
  });

  it('reports a known error as main would, as JSON with --json', async () => {
    const { handler, result } = run(true);
    await handler(new ResponseFormatError('the body is not JSON'));
    expect(JSON.parse(result().stderr)).toEqual({
      error: {
        code: 'ERR_SKE_RESPONSE_FORMAT',
        message: 'The response is not what the spec describes: the body is not JSON',
      },
    });
    expect(result().exits).toEqual([1]);
  });

  it('adds the message and the stack with --debug', async () => {
    const { handler, result } = run(false, true);
    await handler(new TypeError('boom'));
    expect(result().stderr).toMatch(
      /^scp-ske: unexpected error \(TypeError\); --debug shows more\n\[debug\] TypeError: boom\n\[debug\] {5}at /,
    );
  });

  it('still ends the process, with a bare line, when the report itself fails', async () => {
    const { handler, result } = run(false);
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error('unreadable');
      },
    });
    await handler(hostile);
    expect(result()).toEqual({ stderr: 'scp-ske: unexpected error\n', exits: [1] });
  });
});
