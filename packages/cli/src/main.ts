/** The `scp-ske` command: dispatch, and the mapping of every failure to a message and an exit code. */
import { homedir } from 'node:os';
import { KubeconfigFormatError, SkeApiError, SkeInputError } from '@scp-ske/client';
import { NetworkError, SigningOptionError } from '@scp-ske/signing';
import { getCommand, type Io, mergeCommand } from './commands/kubeconfig.js';
import { versionsCommand } from './commands/versions.js';
import { flagError } from './connection.js';
import { LockTimeoutError } from './file-lock.js';
import { KubeconfigFileError } from './kubeconfig-merge.js';
import { helpText, UsageError } from './usage.js';

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  homeDir: homedir(),
};

function report(io: Io, json: boolean, code: number, message: string, fields: Record<string, unknown> = {}): number {
  io.stderr(json ? `${JSON.stringify({ error: { message, ...fields } })}\n` : `scp-ske: ${message}\n`);
  return code;
}

/** The short reason of a network failure: Node's error code where there is one. */
function networkCause(error: Error): string {
  if (error instanceof NetworkError && error.code) return error.code;
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const json = argv.includes('--json');
  const [command, subcommand, ...rest] = argv;
  if (io === processIo) {
    // Lifecycle warnings are worth one clear line, not Node's warning banner.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => io.stderr(`scp-ske: warning: ${warning.message}\n`));
  }
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${helpText('main')}`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'versions') return await versionsCommand(argv.slice(1), io);
    if (command === 'kubeconfig' && subcommand === 'get') return await getCommand(rest, io);
    if (command === 'kubeconfig' && subcommand === 'merge') return await mergeCommand(rest, io);
    if (command === 'kubeconfig') {
      throw new UsageError(
        `kubeconfig: expected the subcommand "get" or "merge"${subcommand ? `, received "${subcommand}"` : ''}`,
      );
    }
    throw new UsageError(`unknown command "${command}"; expected "kubeconfig get", "kubeconfig merge" or "versions"`);
  } catch (error) {
    if (error instanceof UsageError) {
      return report(
        io,
        json,
        2,
        `${error.message}\nRun \`scp-ske ${command === 'kubeconfig' ? `kubeconfig ${subcommand ?? ''}`.trim() : (command ?? '')} --help\` for usage.`,
      );
    }
    if (error instanceof SkeInputError) return report(io, json, 2, flagError(error).message);
    if (error instanceof SkeApiError) {
      const { status, code, requestId, apiVersion, detail } = error;
      const request = requestId ? `, request id ${requestId}` : '';
      return report(
        io,
        json,
        1,
        `SKE API error ${status} ${code} (${apiVersion}${request})${detail.length ? `: ${detail.join(' ')}` : ''}`,
        {
          status,
          code,
          requestId,
          apiVersion,
          detail,
        },
      );
    }
    if (
      error instanceof KubeconfigFormatError ||
      error instanceof KubeconfigFileError ||
      error instanceof LockTimeoutError
    ) {
      return report(io, json, 1, error.message);
    }
    if (error instanceof SigningOptionError) return report(io, json, 2, error.message);
    if (
      error instanceof NetworkError ||
      (error instanceof Error &&
        (error.name === 'TypeError' || error.name === 'TimeoutError') &&
        /fetch failed|attempt/.test(error.message))
    ) {
      return report(io, json, 1, `network error: ${networkCause(error)}`);
    }
    if (error instanceof Error) return report(io, json, 1, `${error.name}: ${error.message}`);
    return report(io, json, 1, String(error));
  }
}
