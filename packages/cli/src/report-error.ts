/**
 * The one place where a failure becomes a message and an exit code, by the error's class (never by
 * its message): 2 when the command line must change (a usage error, an argument the spec refuses, a
 * signing option, no credentials, an unsupported version, a name that fits several clusters, a merge
 * that would replace another cluster's kubeconfig entries), 1 for
 * everything the service, the network or the files said. Every error carries a stable `code`
 * (`--json` prints it): the SkeError's own, SCP's own for an API error.
 */
import {
  KubeconfigFormatError,
  ResponseFormatError,
  SkeApiError,
  SkeError,
  SkeInputError,
  UnsupportedVersionError,
} from '@scp-ske/client';
import { CredentialsNotFoundError, NetworkError, SigningOptionError } from '@scp-ske/signing';
import { LockTimeoutError } from './file-lock.js';
import { KubeconfigUnavailableError } from './kubeconfig-available.js';
import { KubeconfigConflictError, KubeconfigFileError } from './kubeconfig-errors.js';
import { AmbiguousClusterError, ClusterNotFoundError } from './resolve-cluster.js';
import { UsageError } from './usage.js';

export interface ErrorReport {
  exitCode: 1 | 2;
  code: string;
  message: string;
  /** More fields for `--json` (status, request id, candidates, …). */
  fields: Record<string, unknown>;
}

/** The flag that carries each argument of the client's methods and options. */
export const FLAG_OF: Readonly<Record<string, string>> = {
  clusterId: '--cluster-id',
  kubeconfigType: '--type',
  name: '--name',
  status: '--status',
  kubernetesVersion: '--kubernetes-version',
  size: '--size',
  page: '--page',
  endpoint: '--endpoint',
  region: '--region',
  environment: '--environment',
};

const hints = new WeakMap<object, string>();

/** Adds a hint to an error (printed on its own line, and as `hint` in JSON); returns the error. */
export function withHint<E extends object>(error: E, hint: string): E {
  hints.set(error, hint);
  return error;
}

const isTimeout = (error: unknown): error is DOMException =>
  error instanceof DOMException && error.name === 'TimeoutError';

/** A Node system error (EACCES, ENOSPC, …) from reading or writing a file. */
const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;

function apiErrorMessage(error: SkeApiError): string {
  const { status, code, requestId, apiVersion, detail, bodyExcerpt } = error;
  const request = requestId ? `, request id ${requestId}` : '';
  const said = detail.length > 0 ? `: ${detail.join(' ')}` : bodyExcerpt ? `: ${bodyExcerpt}` : '';
  return `SKE API error ${status} ${code} (${apiVersion}${request})${said}`;
}

/** What to say about `error`; `helpCommand` is the command whose `--help` a usage error points to. */
export function describeError(error: unknown, helpCommand: string): ErrorReport {
  const report = (exitCode: 1 | 2, code: string, message: string, fields: Record<string, unknown> = {}) => {
    const hint = typeof error === 'object' && error !== null ? hints.get(error) : undefined;
    return { exitCode, code, message, fields: hint ? { ...fields, hint } : fields };
  };
  // Exit 2: the command line must change.
  if (error instanceof UsageError) {
    return report(2, error.code, `${error.message}\nRun \`${helpCommand} --help\` for usage.`);
  }
  if (error instanceof SkeInputError) {
    const flag = FLAG_OF[error.argument] ?? error.argument;
    // A flag is never null: the spec's "or null" says nothing to a command-line user.
    const expected = error.expected.replace(/ or null\b/, '');
    const where =
      error.argument === 'region' || error.argument === 'environment'
        ? ' (or set "default-region" in ~/.scpconf/config.json, or pass --endpoint)'
        : '';
    return report(2, error.code, `${flag}: expected ${expected}${where}`, { flag, expected });
  }
  if (error instanceof UnsupportedVersionError) {
    const message = error.message.replace('pass allowUnsupportedVersion: true', 'pass --allow-unsupported-version');
    return report(2, error.code, `--api-version: ${message}`, {
      apiVersion: error.apiVersion,
      replacement: error.replacement,
    });
  }
  if (error instanceof SigningOptionError) return report(2, error.code, error.message, { option: error.option });
  if (error instanceof CredentialsNotFoundError) return report(2, error.code, error.message, { tried: error.tried });
  if (error instanceof AmbiguousClusterError) {
    return report(2, error.code, error.message, { name: error.clusterName, candidates: error.candidates });
  }
  if (error instanceof KubeconfigConflictError) {
    return report(2, error.code, error.message, { conflicts: error.conflicts });
  }
  // Exit 1: what the service, the network or the files said.
  if (error instanceof SkeApiError) {
    const { status, code, requestId, apiVersion, detail } = error;
    return report(1, code, apiErrorMessage(error), { status, requestId, apiVersion, detail });
  }
  if (error instanceof NetworkError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    const reason = error.reason ?? cause ?? error.message;
    return report(1, error.code, `network error: ${reason}`, { reason });
  }
  if (isTimeout(error)) {
    return report(1, 'ERR_SKE_TIMEOUT', `network error: timed out (${error.message})`, { reason: 'TimeoutError' });
  }
  if (error instanceof ClusterNotFoundError) {
    return report(1, error.code, error.message, { name: error.clusterName, candidates: error.candidates });
  }
  if (error instanceof KubeconfigUnavailableError) {
    return report(1, error.code, error.message, { clusterId: error.clusterId, kubeconfigType: error.kubeconfigType });
  }
  if (error instanceof KubeconfigFileError) {
    return report(1, error.code, error.message, error.path === undefined ? {} : { path: error.path });
  }
  if (
    error instanceof KubeconfigFormatError ||
    error instanceof ResponseFormatError ||
    error instanceof LockTimeoutError
  ) {
    return report(1, error.code, error.message);
  }
  if (error instanceof SkeError) return report(1, error.code, error.message);
  if (isSystemError(error)) return report(1, error.code as string, error.message);
  if (error instanceof Error) return report(1, 'ERR_SKE_UNEXPECTED', `${error.name}: ${error.message}`);
  return report(1, 'ERR_SKE_UNEXPECTED', String(error));
}

/** Prints the report on stderr (one JSON object with `--json`) and returns the exit code. */
export function printError(report: ErrorReport, json: boolean, stderr: (text: string) => void): number {
  const { hint, ...fields } = report.fields;
  if (json) {
    stderr(
      `${JSON.stringify({ error: { code: report.code, message: report.message, ...fields, ...(hint ? { hint } : {}) } })}\n`,
    );
  } else {
    stderr(`scp-ske: ${report.message}\n${hint ? `scp-ske: hint: ${hint}\n` : ''}`);
  }
  return report.exitCode;
}
