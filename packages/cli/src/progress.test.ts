/**
 * The progress of `--wait`: without a terminal one line per status change; on a terminal one status
 * line rewritten in place (`\r`, then the erasure of the rest of the line), ended by a line feed.
 */
import { describe, expect, it } from 'vitest';
import type { Io } from './commands/kubeconfig.js';
import { elapsed, progress } from './progress.js';
import { guardIo } from './terminal-text.js';

function recorder(isTTY: boolean) {
  let stderr = '';
  const io: Io = {
    env: {},
    homeDir: '/nowhere',
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    isTTY,
  };
  return { io: guardIo(io), text: () => stderr };
}

describe('progress', () => {
  it('without a terminal: one line per status change, the same status not repeated', () => {
    const { io, text } = recorder(false);
    const shown = progress(io, 'cluster web-1');
    shown.onProgress('CREATING', 2000);
    shown.onProgress('CREATING', 5000);
    shown.onProgress('RUNNING', 11_000);
    shown.end('RUNNING after 11s');
    expect(text()).toBe(
      'cluster web-1: CREATING (2s)\ncluster web-1: RUNNING (11s)\ncluster web-1: RUNNING after 11s\n',
    );
  });

  it('on a terminal: one line rewritten with \\r and the time elapsed, a line feed at the end', () => {
    const { io, text } = recorder(true);
    let now = 0;
    const shown = progress(io, 'nodepool pool-a', () => now);
    now = 2000;
    shown.onProgress('ScalingUp', 2000);
    now = 65_000;
    shown.onProgress('Running', 65_000);
    shown.end('Running after 1m05s');
    expect(text()).toBe(
      '\rnodepool pool-a: waiting (0s) …\u001b[K' +
        '\rnodepool pool-a: ScalingUp (2s) …\u001b[K' +
        '\rnodepool pool-a: Running (1m05s) …\u001b[K' +
        '\rnodepool pool-a: Running after 1m05s\u001b[K\n',
    );
  });

  it('a status from the server is shown with its control characters visible', () => {
    const { io, text } = recorder(true);
    const shown = progress(io, 'cluster x', () => 0);
    shown.onProgress('EVIL\u001b]0;title\u0007', 0);
    shown.end('done');
    expect(text()).toContain('EVIL\\u001b]0;title\\u0007');
    expect(text().replaceAll('\u001b[K', '')).not.toContain('\u001b');
  });

  it('writes elapsed times as 42s, 3m05s, 1h02m', () => {
    expect([elapsed(42_999), elapsed(185_000), elapsed(3_720_000)]).toEqual(['42s', '3m05s', '1h02m']);
  });
});
