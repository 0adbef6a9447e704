/**
 * The progress of a `--wait` on stderr. On a terminal: one status line, rewritten in place (`\r`)
 * every second with the time elapsed, ended by a line feed when the wait ends. Elsewhere (a pipe, a
 * CI log): one line per status change, so that a log reads as the history of the change. Ctrl-C
 * during a wait stops waiting (the change runs on), the status line ended first.
 */
import type { Io } from './commands/kubeconfig.js';
import { writeStatusLine } from './terminal-text.js';

/** `42s`, `3m05s`, `1h02m`. */
export function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export interface Progress {
  /** A status seen `elapsedMs` after the wait began. */
  onProgress(status: string, elapsedMs: number): void;
  /** The wait is over: `line` is its last word (`RUNNING after 1m05s`, `deleted after 40s`). */
  end(line: string): void;
}

/** The progress of `label` (e.g. `cluster web-1`) on `io`'s stderr. */
export function progress(io: Io, label: string, now: () => number = Date.now): Progress {
  const started = now();
  if (!io.isTTY) {
    let last: string | undefined;
    return {
      onProgress(status, elapsedMs) {
        if (status === last) return;
        last = status;
        io.stderr(`${label}: ${status} (${elapsed(elapsedMs)})\n`);
      },
      end: (line) => io.stderr(`${label}: ${line}\n`),
    };
  }
  let status = 'waiting';
  const draw = () => writeStatusLine(io, `${label}: ${status} (${elapsed(now() - started)}) …`);
  draw();
  const timer = setInterval(draw, 1000);
  timer.unref?.();
  // Ctrl-C ends the status line first, so that the shell's prompt starts on a line of its own; the
  // signal is then raised again, to end the process as it would have.
  const interrupted = () => {
    clearInterval(timer);
    io.stderr('\n');
    process.kill(process.pid, 'SIGINT');
  };
  process.once('SIGINT', interrupted);
  return {
    onProgress(next) {
      status = next;
      draw();
    },
    end(line) {
      clearInterval(timer);
      process.removeListener('SIGINT', interrupted);
      writeStatusLine(io, `${label}: ${line}`);
      io.stderr('\n');
    },
  };
}
