/**
 * Turns the connection flags into a client of the chosen version: API version, endpoint or region
 * and environment (defaults from ~/.scpconf/config.json), credentials from the signing package's
 * chain (the secret key remembered, so that nothing printed shows it: terminal-text.ts), and the
 * debug log. A bad --api-version is a UsageError; every other problem is the client's or the signing
 * package's own error, which report-error.ts says in terms of the flag.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkeClientOptions, VersionContract } from '@scp-ske/client';
import { contract as contract_1_0 } from '@scp-ske/client-1.0';
import { contract as contract_1_1 } from '@scp-ske/client-1.1';
import { contract as contract_1_2 } from '@scp-ske/client-1.2';
import { contract as contract_1_3 } from '@scp-ske/client-1.3';
import { type AttemptEvent, createCredentialChain, redactedHeaders } from '@scp-ske/signing';
import { manifest } from '@scp-ske/spec';
import { clientFactories } from './generated/clients.js';
import { oneLine, rememberSecret } from './terminal-text.js';
import { UsageError } from './usage.js';

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
}

export type Version = keyof typeof clientFactories;

/**
 * A client of any version. Every version has the same operations (listClusters, showCluster,
 * createClusterKubeconfig, showClusterUserKubeconfig) and the kubeconfig conveniences, so the CLI
 * calls them on the union.
 */
export type Client = ReturnType<(typeof clientFactories)[Version]>;

/** Each version's contract (its server template and SCP environments), as its client package has it. */
const CONTRACTS: Record<Version, VersionContract> = {
  '1.0': contract_1_0,
  '1.1': contract_1_1,
  '1.2': contract_1_2,
  '1.3': contract_1_3,
};

/** The SCP environments of a version's servers (`s`, `g`, `e`). */
export const environmentsOf = (version: Version): string[] => Object.keys(CONTRACTS[version].server.regions);

export function resolveVersion(flag: string | undefined): Version {
  const wanted = (flag ?? manifest.current).replace(/^ske\s+/, '');
  if (!(wanted in clientFactories)) {
    throw new UsageError(
      `--api-version: expected one of ${Object.keys(clientFactories).join(', ')}, received "${flag}"`,
    );
  }
  return wanted as Version;
}

/** `default-region` and, from the host of `auth-url`, the environment, of SCP's config.json. */
export async function readScpConfig(environment: Environment): Promise<{ region?: string; environment?: string }> {
  const dir = environment.env.SCP_CONFIG_DIR || join(environment.homeDir, '.scpconf');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
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

export async function connect(
  flags: ConnectionFlags,
  environment: Environment,
): Promise<{ client: Client; version: Version }> {
  const version = resolveVersion(flags['api-version']);
  const credentials = await createCredentialChain({ env: environment.env, homeDir: environment.homeDir })();
  rememberSecret(environment, credentials.secretKey);
  const defaults = flags.endpoint ? {} : await readScpConfig(environment);
  const options: SkeClientOptions = {
    credentials,
    ...(flags.endpoint !== undefined
      ? { endpoint: flags.endpoint }
      : { region: flags.region ?? defaults.region, environment: flags.environment ?? defaults.environment }),
    allowUnsupportedVersion: flags['allow-unsupported-version'] ?? false,
    ...(flags.debug && { onAttempt: debugLog(environment.stderr) }),
  };
  // The CLI passes the user's strings through: the client checks them against the spec at run time
  // (a SkeInputError or UnsupportedVersionError, reported in terms of the flag by report-error.ts).
  return { client: clientFactories[version](options), version };
}
