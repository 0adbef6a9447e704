/**
 * The one place where a failure becomes a message and an exit code, by the error's class (never by
 * its message): 2 when the command line must change (a usage error, an argument the spec refuses, a
 * signing option, no credentials, an unsupported version, a name that fits several clusters, a merge
 * that would replace another cluster's kubeconfig entries), 1 for
 * everything the service, the network or the files said. Every error carries a stable `code`
 * (`--json` prints it): the SkeError's own, SCP's own for an API error. A server's words inside a
 * message (an API error's code and detail, a cluster's name) are one line each, control characters
 * visible (terminal-text.ts); an error of no known kind is named by its class alone, and its message
 * and stack are printed only with --debug.
 */
import {
  AmbiguousClusterError,
  ClusterNotFoundError,
  KubeconfigFormatError,
  ResponseFormatError,
  SkeApiError,
  SkeError,
  SkeInputError,
  UnsupportedVersionError,
} from '@scp-ske/client';
import { CredentialsNotFoundError, NetworkError, SigningOptionError, SkeTimeoutError } from '@scp-ske/signing';
import { hintOf, withHint } from './error-hints.js';
import { LockTimeoutError } from './file-lock.js';
import { KubeconfigUnavailableError } from './kubeconfig-available.js';
import { KubeconfigConflictError, KubeconfigFileError, UnsafeKubeconfigError } from './kubeconfig-errors.js';
import { duration, type NetworkContext, networkContextOf } from './network-context.js';
import { BodyError } from './request-body.js';
import { oneLine } from './terminal-text.js';
import { UsageError } from './usage.js';

export interface ErrorReport {
  exitCode: 1 | 2;
  code: string;
  message: string;
  /** More fields for `--json` (status, request id, candidates, …). */
  fields: Record<string, unknown>;
  /** For an unexpected error: its message and stack, printed with --debug only. */
  debug?: string;
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

export { withHint };

const isTimeout = (error: unknown): error is DOMException =>
  error instanceof DOMException && error.name === 'TimeoutError';

/** A Node system error (EACCES, ENOSPC, …) from reading or writing a file. */
const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;

function apiErrorMessage(error: SkeApiError): string {
  const { status, code, requestId, apiVersion, detail, bodyExcerpt } = error;
  const request = requestId ? `, request id ${oneLine(requestId)}` : '';
  const said = detail.length > 0 ? `: ${oneLine(detail.join(' '))}` : bodyExcerpt ? `: ${oneLine(bodyExcerpt)}` : '';
  return `SKE API error ${status} ${oneLine(code)} (${apiVersion}${request})${said}`;
}

/** What to check after a network error, by its system error code. */
function networkHint(reason: string | undefined, host: string): string {
  if (reason === 'ENOTFOUND' || reason === 'EAI_AGAIN') {
    return `the name ${host} does not resolve: check --region and --environment (or --endpoint), and your DNS or VPN`;
  }
  if (reason === 'ECONNREFUSED')
    return `nothing accepts connections at ${host}: check --endpoint (its port), or that the service is up`;
  if (reason === 'ECONNRESET' || reason === 'EPIPE') {
    return `${host} closed the connection: check a proxy or firewall between you and it (HTTPS_PROXY), then try again`;
  }
  if (reason === 'ETIMEDOUT' || reason === 'ENETUNREACH' || reason === 'EHOSTUNREACH') {
    return `${host} cannot be reached from here: check your network, VPN or proxy`;
  }
  if (reason?.startsWith('CERT_') || reason?.includes('SELF_SIGNED') || reason?.startsWith('ERR_TLS')) {
    return `the TLS certificate of ${host} is not trusted here: check a proxy that intercepts TLS (NODE_EXTRA_CA_CERTS)`;
  }
  return `check your network, VPN or proxy, and --endpoint or --region/--environment`;
}

/** The hint of a 401 SignatureMismatch: which key to check, and the clock skew the answer's Date showed. */
function signatureHint(context: NetworkContext | undefined): string {
  const key = context?.accessKey ? ` ${oneLine(context.accessKey)}` : '';
  const base = `check that the secret key (SCP_SECRET_KEY, or "secret-key" of ~/.scpconf/credentials.json) belongs to the access key${key}`;
  if (context?.skewMs === undefined || context.serverDate === undefined) return base;
  const skew =
    Math.abs(context.skewMs) < 1000
      ? "this machine's clock agrees with the server's"
      : `this machine's clock is ${duration(context.skewMs)} ${context.skewMs > 0 ? 'behind' : 'ahead of'} the server's`;
  return `${base}; ${skew} (its Date header: ${oneLine(context.serverDate)})`;
}

/** What `error` is, for an error of no known kind: its class's name (`TypeError`), never its message. */
function kindOf(error: unknown): string {
  if (error instanceof Error) return oneLine(error.name);
  return error === null ? 'null' : typeof error;
}

/** What to say about `error`; `helpCommand` is the command whose `--help` a usage error points to. */
export function describeError(error: unknown, helpCommand: string): ErrorReport {
  const report = (exitCode: 1 | 2, code: string, message: string, fields: Record<string, unknown> = {}) => {
    const hint = hintOf(error);
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
  if (error instanceof BodyError) return report(2, error.code, error.message, { problems: error.problems });
  if (error instanceof SigningOptionError) return report(2, error.code, error.message, { option: error.option });
  if (error instanceof CredentialsNotFoundError) return report(2, error.code, error.message, { tried: error.tried });
  if (error instanceof AmbiguousClusterError) {
    return report(2, error.code, error.message, { name: error.clusterName, candidates: error.candidates });
  }
  if (error instanceof KubeconfigConflictError) {
    return report(2, error.code, error.message, { conflicts: error.conflicts });
  }
  // Exit 1: what the service, the network or the files said.
  const context = networkContextOf(error);
  if (error instanceof SkeApiError) {
    const { status, code, requestId, apiVersion, detail } = error;
    if (status === 401 && code === 'SignatureMismatch' && hintOf(error) === undefined)
      withHint(error, signatureHint(context));
    return report(1, code, apiErrorMessage(error), { status, requestId, apiVersion, detail });
  }
  if (error instanceof NetworkError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    const reason = error.reason ?? cause ?? error.message;
    if (context === undefined) return report(1, error.code, `network error: ${oneLine(reason)}`, { reason });
    if (hintOf(error) === undefined) withHint(error, networkHint(error.reason, oneLine(context.host)));
    return report(1, error.code, `network error: ${oneLine(reason)} reaching ${oneLine(context.host)}`, {
      reason,
      host: context.host,
    });
  }
  if (error instanceof SkeTimeoutError) {
    const host = oneLine(context?.host ?? 'the service');
    if (hintOf(error) === undefined) {
      withHint(error, `check your network, VPN or proxy to ${host}; --timeout sets a longer deadline (default 30 s)`);
    }
    return report(1, error.code, `no answer from ${host} within ${duration(error.timeoutMs)} (--timeout)`, {
      timeoutMs: error.timeoutMs,
      ...(context && { host: context.host }),
    });
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
  if (error instanceof UnsafeKubeconfigError) {
    return report(1, error.code, error.message, {
      rule: error.rule,
      ...(error.server === undefined ? {} : { server: error.server }),
    });
  }
  if (
    error instanceof KubeconfigFormatError ||
    error instanceof ResponseFormatError ||
    error instanceof LockTimeoutError
  ) {
    return report(1, error.code, oneLine(error.message));
  }
  // A --wait that ran out of time, or saw a status it will not leave for the one awaited.
  if (error instanceof SkeError && error.code === 'ERR_SKE_WAIT_TIMEOUT') {
    const { timeoutMs, lastStatus } = error as SkeError & { timeoutMs?: number; lastStatus?: string };
    const last = lastStatus === undefined ? '' : ` (last status: ${oneLine(String(lastStatus))})`;
    return report(
      1,
      error.code,
      `--wait: not done after ${Math.round((timeoutMs ?? 0) / 1000)}s, the --timeout${last}; the change may still be running`,
      {
        timeoutMs,
        lastStatus,
      },
    );
  }
  if (error instanceof SkeError && error.code === 'ERR_SKE_WAIT_FAILED') {
    const { status } = error as SkeError & { status?: string };
    return report(1, error.code, `--wait: ${oneLine(error.message)}`, { status });
  }
  // Any other SkeError (the client's and the signing package's newer ones among them): one line.
  if (error instanceof SkeError) return report(1, error.code, oneLine(error.message));
  if (isSystemError(error)) return report(1, oneLine(error.code as string), oneLine(error.message));
  const unexpected = report(1, 'ERR_SKE_UNEXPECTED', `unexpected error (${kindOf(error)}); --debug shows more`);
  const debug = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return { ...unexpected, debug };
}

/**
 * Prints the report on stderr (one JSON object with `--json`) and returns the exit code; with `debug`,
 * an unexpected error's message and stack follow (in JSON, as `debug`).
 */
export function printError(report: ErrorReport, json: boolean, stderr: (text: string) => void, debug = false): number {
  const { hint, ...fields } = report.fields;
  const details = debug && report.debug !== undefined ? report.debug : undefined;
  if (json) {
    const error = { code: report.code, message: report.message, ...fields, ...(hint ? { hint } : {}) };
    stderr(`${JSON.stringify({ error: details === undefined ? error : { ...error, debug: details } })}\n`);
  } else {
    const more = details === undefined ? '' : `${details.replace(/^/gm, '[debug] ')}\n`;
    stderr(`scp-ske: ${report.message}\n${hint ? `scp-ske: hint: ${hint}\n` : ''}${more}`);
  }
  return report.exitCode;
}
