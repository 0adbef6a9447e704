/**
 * Turns the connection flags into a client of the chosen version: API version, endpoint or region
 * and environment (defaults from ~/.scpconf/config.json), credentials from the signing package's
 * chain (the secret key remembered, so that nothing printed shows it: terminal-text.ts), and the
 * debug log; the deadline of a call (--timeout, default 30 s) and what a slow or failed call says
 * (watch-client.ts). A bad --api-version or --timeout, or no region or environment to call, is a
 * UsageError naming the flag; every other problem is the client's or the signing package's own
 * error, which report-error.ts says in terms of the flag.
 */
import { readFile } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OperationTable, SkeClientOptions } from '@scp-ske/client';
import { type AttemptEvent, createCredentialChain, redactedHeaders } from '@scp-ske/signing';
import { manifest } from '@scp-ske/spec';
import { parseDuration } from './duration.js';
import { clientPackages, clientVersions } from './generated/clients.js';
import { oneLine, rememberSecret } from './terminal-text.js';
import { UsageError } from './usage.js';
import { watchCalls } from './watch-client.js';

export interface Environment {
  env: Record<string, string | undefined>;
  homeDir: string;
  stderr(text: string): void;
}

export interface ConnectionFlags {
  'api-version'?: string | undefined;
  region?: string | undefined;
  environment?: string | undefined;
  endpoint?: string | undefined;
  'allow-unsupported-version'?: boolean | undefined;
  debug?: boolean | undefined;
  timeout?: string | undefined;
}

/** The deadline of one call without --timeout: 30 seconds (retries and reading the answer included). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** `--timeout` of a call: seconds (`30`), or a duration (`500ms`, `45s`, `2m`), up to an hour. */
export function parseTimeout(value: string | undefined): number {
  return value === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(value, '--timeout', 3_600_000, '1 hour');
}

const WHERE = 'pass it, set "default-region" and "auth-url" in ~/.scpconf/config.json, or pass --endpoint URL';

export type Version = (typeof clientVersions)[number];

/** A version's client package, as `import()` gives it: loaded when a command first calls that version. */
type ClientPackage = Awaited<ReturnType<(typeof clientPackages)[Version]>>;

/**
 * A client of any version. Every version has the operations and kubeconfig conveniences the CLI's
 * hand-written commands call, so the CLI calls them on the union.
 */
export type Client = ReturnType<ClientPackage['createSkeClient']>;

export function resolveVersion(flag: string | undefined): Version {
  const wanted = (flag ?? manifest.current).replace(/^ske\s+/, '');
  if (!(clientVersions as readonly string[]).includes(wanted)) {
    throw new UsageError(`--api-version: expected one of ${clientVersions.join(', ')}, received "${flag}"`);
  }
  return wanted as Version;
}

/** The operation table of a version's client (what its methods are made from), its package loaded if it is not yet. */
export async function operationsOf(version: Version): Promise<OperationTable> {
  return (await clientPackages[version]()).OPERATIONS;
}

/** `default-region` and, from the host of `auth-url`, the environment, of SCP's config.json. */
export async function readScpConfig(environment: Environment): Promise<{ region?: string; environment?: string }> {
  const dir = environment.env.SCP_CONFIG_DIR || join(environment.homeDir, '.scpconf');
  let data: Record<string, unknown>;
  try {
    // node:fs (loaded with Node), not node:fs/promises, which a command would load for this read alone.
    data = JSON.parse(await promisify(readFile)(join(dir, 'config.json'), 'utf8'));
  } catch {
    return {};
  }
  const region = typeof data['default-region'] === 'string' ? data['default-region'] : undefined;
  const authUrl = typeof data['auth-url'] === 'string' ? data['auth-url'] : '';
  const inferred = /\.([sge])\.samsungsdscloud\.com/.exec(authUrl)?.[1];
  return { ...(region && { region }), ...(inferred && { environment: inferred }) };
}

export function debugLog(stderr: (text: string) => void) {
  return (event: AttemptEvent) => {
    const lines = [`[debug] > ${event.method} ${oneLine(event.url)} (attempt ${event.attempt})`];
    for (const [name, value] of Object.entries(redactedHeaders(event.headers)))
      lines.push(`[debug] >   ${name}: ${oneLine(value)}`);
    if (event.response) {
      lines.push(`[debug] < ${event.response.status} ${oneLine(event.response.statusText)}`);
      for (const [name, value] of Object.entries(redactedHeaders(event.response.headers)))
        lines.push(`[debug] <   ${oneLine(name)}: ${oneLine(value)}`);
    }
    if (event.error) {
      const error = event.error as Error;
      lines.push(`[debug] ! ${oneLine(String(error.name))}: ${oneLine(String(error.message))}`);
    }
    if (event.retry) lines.push(`[debug] retrying (${event.retry.reason}) in ${event.retry.delayMs} ms`);
    stderr(`${lines.join('\n')}\n`);
  };
}

export interface Connection {
  client: Client;
  version: Version;
  /** The version's operation table, to check an argument before a request that comes first. */
  operations: OperationTable;
  /** The SCP environments of the version's servers (`s`, `g`, `e`). */
  environments: string[];
}

export async function connect(flags: ConnectionFlags, environment: Environment): Promise<Connection> {
  const version = resolveVersion(flags['api-version']);
  const timeoutMs = parseTimeout(flags.timeout);
  const defaults = flags.endpoint ? {} : await readScpConfig(environment);
  const region = flags.region ?? defaults.region;
  const scpEnvironment = flags.environment ?? defaults.environment;
  if (flags.endpoint === undefined && region === undefined) {
    throw new UsageError(`--region: required, the SCP region to call (e.g. kr-west1); ${WHERE}`);
  }
  if (flags.endpoint === undefined && scpEnvironment === undefined) {
    throw new UsageError(`--environment: required, the SCP environment to call (s, g or e); ${WHERE}`);
  }
  const credentials = await createCredentialChain({ env: environment.env, homeDir: environment.homeDir })();
  rememberSecret(environment, credentials.secretKey);
  const debug = flags.debug ? debugLog(environment.stderr) : undefined;
  let host = '';
  const watch = watchCalls({
    get host() {
      return host;
    },
    accessKey: credentials.accessKey,
    timeoutMs,
    stderr: environment.stderr,
    isTTY: process.stderr.isTTY === true,
  });
  const options: SkeClientOptions = {
    credentials,
    ...(flags.endpoint !== undefined ? { endpoint: flags.endpoint } : { region, environment: scpEnvironment }),
    allowUnsupportedVersion: flags['allow-unsupported-version'] ?? false,
    timeoutMs,
    onAttempt: (event) => {
      watch.onAttempt(event);
      debug?.(event);
    },
  };
  // The CLI passes the user's strings through: the client checks them against the spec at run time
  // (a SkeInputError or UnsupportedVersionError, reported in terms of the flag by report-error.ts).
  const { createSkeClient, OPERATIONS, contract } = await clientPackages[version]();
  const client = createSkeClient(options);
  host = new URL(client.baseUrl).host;
  return {
    client: watch.wrap(client),
    version,
    operations: OPERATIONS,
    environments: Object.keys(contract.server.regions),
  };
}
