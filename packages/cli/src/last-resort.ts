/**
 * The last resort of the `scp-ske` process: an error thrown where no command can catch it (in a
 * stream's event handler, say, while an answer too large for a string arrives) or a promise rejected
 * with nobody waiting ends like every other failure: the one line (or the JSON object) report-error.ts
 * writes, and its exit code, never Node's stack trace. Only the first such error is reported; the
 * process then exits, since it is in no state to go on.
 */
import type { Io } from './commands/kubeconfig.js';

export interface LastResort {
  /** Whether the command line asked for JSON and for debug output. */
  json: boolean;
  debug: boolean;
  stderr: Io['stderr'];
  /** Ends the process (`process.exit`). */
  exit(code: number): void;
}

/** The handler `process` calls for an uncaught exception or an unhandled rejection. */
export function lastResort({ json, debug, stderr, exit }: LastResort): (error: unknown) => Promise<void> {
  let reported = false;
  return async (error) => {
    if (reported) return;
    reported = true;
    let code = 1;
    try {
      const { describeError, printError } = await import('./report-error.js');
      code = printError(describeError(error, 'scp-ske'), json, stderr, debug);
    } catch {
      stderr('scp-ske: unexpected error\n');
    }
    exit(code);
  };
}

/** Installs `lastResort` for this process. */
export function installLastResort(settings: Omit<LastResort, 'exit'>): void {
  const handler = lastResort({ ...settings, exit: (code) => process.exit(code) });
  process.on('uncaughtException', handler);
  process.on('unhandledRejection', handler);
}
