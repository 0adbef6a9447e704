/**
 * `scp-ske kubeconfig get`, and the kubeconfig request `merge` shares (kubeconfig-merge.ts): the
 * answer is checked before anything is written or printed (its server by server-rule.ts, its text by
 * kubeconfig-check.ts). `get` prints a checked kubeconfig as it is, for redirection to a file. Nothing
 * here loads the merge's modules (the YAML document, locks, backups): `get` never needs them; and what
 * only some calls need (the `public` check, writing `--output`, the admin hint) loads when they do.
 */
import { resolve } from 'node:path';
import { type KubeconfigResult, resolveCluster, SkeApiError } from '@scp-ske/client';
import { connect, type Environment } from '../connection.js';
import { checkKubeconfigText } from '../kubeconfig-check.js';
import { allowedHost, checkServer, type ServerRule } from '../server-rule.js';
import { checkArguments } from '../spec-arguments.js';
import { oneLine, secretsFor, writeVerbatim } from '../terminal-text.js';
import { CONNECTION_OPTIONS, type Flags, parseFlags, UsageError } from '../usage.js';

export interface Io extends Environment {
  stdout(text: string): void;
  /** Whether stdin and stderr are a terminal: a live progress line, and a delete asks first. */
  isTTY?: boolean | undefined;
  /** Asks `question` on the terminal and resolves with the line typed (only when `isTTY`). */
  prompt?: ((question: string) => Promise<string>) | undefined;
}

/** How the messages of a name lookup name `--cluster` and the list of clusters. */
export const LOOKUP = { how: '--cluster', listWith: '`scp-ske clusters list`' };

export const FETCH_OPTIONS = {
  ...CONNECTION_OPTIONS,
  cluster: { type: 'string' },
  'cluster-id': { type: 'string' },
  type: { type: 'string' },
  admin: { type: 'boolean' },
  'allow-server-host': { type: 'string', multiple: true },
} as const;

function required(value: string | undefined, flag: string, expected: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag}: required (${expected})`);
  return value;
}

/** `--cluster NAME|ID`, or `--cluster-id ID` (an id only, never looked up: the form scripts have used). */
function clusterFlag(flags: Flags<typeof FETCH_OPTIONS>): { value: string; byId: boolean } {
  if (flags.cluster !== undefined && flags['cluster-id'] !== undefined) {
    throw new UsageError('--cluster and --cluster-id: pass one of them, not both');
  }
  if (flags['cluster-id'] !== undefined) {
    return { value: required(flags['cluster-id'], '--cluster-id', '32 lower-case hex digits'), byId: true };
  }
  const value = required(flags.cluster, '--cluster', 'a cluster name, or its id of 32 lower-case hex digits');
  return { value, byId: false };
}

export interface Fetched extends KubeconfigResult {
  clusterId: string;
  kubeconfigType: string;
  admin: boolean;
  /** What servers the kubeconfig may point at (the merge checks the entry it writes with it too). */
  serverRule: ServerRule;
}

const ADMIN_HINT =
  'the admin kubeconfig (--admin) needs the IAM action ske:CreateClusterAdminKubeconfig; ' +
  'without --admin, scp-ske gets your user kubeconfig (ske:ShowClusterUserKubeconfig)';

/**
 * Checks the arguments (before any request), resolves a cluster name (one `listClusters`), checks a
 * `public` request first (one `showCluster`), then asks for the user or the admin kubeconfig.
 */
export async function fetchKubeconfig(flags: Flags<typeof FETCH_OPTIONS>, io: Io): Promise<Fetched> {
  const cluster = clusterFlag(flags);
  const kubeconfigType = required(flags.type, '--type', 'private or public');
  const admin = flags.admin ?? false;
  const allowedHosts = (flags['allow-server-host'] ?? []).map(allowedHost);
  const { client, operations, environments } = await connect(flags, io);
  const operationId = admin ? 'createClusterKubeconfig' : 'showClusterUserKubeconfig';
  checkArguments(operations, operationId, { kubeconfigType });
  const clusterId = cluster.byId ? cluster.value : (await resolveCluster(client, cluster.value, LOOKUP)).id;
  if (kubeconfigType === 'public') {
    await (await import('../kubeconfig-available.js')).checkPublicKubeconfig(client, clusterId);
  }
  // The client checks both arguments again, against the spec of the chosen version.
  const input = { clusterId, kubeconfigType: kubeconfigType as 'private' | 'public' };
  let result: KubeconfigResult;
  try {
    result = admin ? await client.getAdminKubeconfig(input) : await client.getUserKubeconfig(input);
  } catch (error) {
    if (!(admin && error instanceof SkeApiError && error.status === 403)) throw error;
    throw (await import('../error-hints.js')).withHint(error, ADMIN_HINT);
  }
  const serverRule = { endpoint: client.baseUrl, environments, allowedHosts };
  checkServer(result.server, serverRule);
  checkKubeconfigText(result.kubeconfig, secretsFor(io));
  return { ...result, clusterId, kubeconfigType, admin, serverRule };
}

export async function getCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, { ...FETCH_OPTIONS, output: { type: 'string' } });
  if (flags.help) {
    io.stdout((await import('../help.js')).helpText('get'));
    return 0;
  }
  if (flags.output !== undefined && flags.output.trim() === '') {
    throw new UsageError('--output: expected the path of a file, received ""');
  }
  const output = flags.output === undefined ? undefined : resolve(flags.output);
  // A path that can never be written (a directory, a device) stops the command before any request.
  if (output) await (await import('../write-target.js')).resolveWriteTarget(output);
  const result = await fetchKubeconfig(flags, io);
  if (output) await (await import('../safe-replace.js')).writeFileSafely(output, result.kubeconfig);
  const summary = {
    apiVersion: result.apiVersion,
    clusterId: result.clusterId,
    kubeconfigType: result.kubeconfigType,
    admin: result.admin,
    server: result.server,
    contexts: result.contexts,
    requestId: result.requestId,
  };
  const kind = result.admin ? 'admin' : 'user';
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(output ? { ...summary, output } : { ...summary, kubeconfig: result.kubeconfig }, null, 2)}\n`,
    );
  } else if (output) {
    io.stderr(
      `Wrote the ${result.apiVersion} ${kind} kubeconfig for ${oneLine(result.server)} to ${output} (mode 0600)\n`,
    );
  } else {
    // Checked above: no control character, no secret. A kubeconfig is data: it goes out as it came.
    writeVerbatim(io, result.kubeconfig);
  }
  return 0;
}
