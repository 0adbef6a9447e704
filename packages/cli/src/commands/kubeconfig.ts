/** `scp-ske kubeconfig get` and `scp-ske kubeconfig merge`. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type KubeconfigResult, SkeApiError } from '@scp-ske/client';
import { backupPath, writeFileAtomic } from '../atomic-file.js';
import { connect, type Environment } from '../connection.js';
import { withFileLock } from '../file-lock.js';
import { checkPublicKubeconfig } from '../kubeconfig-available.js';
import { type Change, mergeKubeconfig, readIncoming } from '../kubeconfig-merge.js';
import { withHint } from '../report-error.js';
import { resolveCluster } from '../resolve-cluster.js';
import { checkArguments } from '../spec-arguments.js';
import { CONNECTION_OPTIONS, type Flags, helpText, parseFlags, UsageError } from '../usage.js';

export interface Io extends Environment {
  stdout(text: string): void;
}

const FETCH_OPTIONS = {
  ...CONNECTION_OPTIONS,
  cluster: { type: 'string' },
  'cluster-id': { type: 'string' },
  type: { type: 'string' },
  admin: { type: 'boolean' },
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
}

const ADMIN_HINT =
  'the admin kubeconfig (--admin) needs the IAM action ske:CreateClusterAdminKubeconfig; ' +
  'without --admin, scp-ske gets your user kubeconfig (ske:ShowClusterUserKubeconfig)';

/**
 * Checks the arguments (before any request), resolves a cluster name (one `listClusters`), checks a
 * `public` request first (one `showCluster`), then asks for the user or the admin kubeconfig.
 */
async function fetchKubeconfig(flags: Flags<typeof FETCH_OPTIONS>, io: Io): Promise<Fetched> {
  const cluster = clusterFlag(flags);
  const kubeconfigType = required(flags.type, '--type', 'private or public');
  const admin = flags.admin ?? false;
  const { client, version } = await connect(flags, io);
  const operationId = admin ? 'createClusterKubeconfig' : 'showClusterUserKubeconfig';
  checkArguments(version, operationId, { kubeconfigType });
  const clusterId = cluster.byId
    ? cluster.value
    : (await resolveCluster(client, version, cluster.value, '--cluster')).id;
  if (kubeconfigType === 'public') await checkPublicKubeconfig(client, clusterId);
  // The client checks both arguments again, against the spec of the chosen version.
  const input = { clusterId, kubeconfigType: kubeconfigType as 'private' | 'public' };
  let result: KubeconfigResult;
  try {
    result = admin ? await client.getAdminKubeconfig(input) : await client.getUserKubeconfig(input);
  } catch (error) {
    throw admin && error instanceof SkeApiError && error.status === 403 ? withHint(error, ADMIN_HINT) : error;
  }
  return { ...result, clusterId, kubeconfigType, admin };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Replaces `path` with `text` atomically (mode 0600), keeping the previous content as `<path>.bak`. */
async function replaceFile(path: string, text: string, previous: string | undefined): Promise<void> {
  if (previous !== undefined) await writeFileAtomic(backupPath(path), previous);
  await writeFileAtomic(path, text);
}

export async function getCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, { ...FETCH_OPTIONS, output: { type: 'string' } });
  if (flags.help) {
    io.stdout(helpText('get'));
    return 0;
  }
  const result = await fetchKubeconfig(flags, io);
  const output = flags.output === undefined ? undefined : resolve(flags.output);
  if (output) {
    await withFileLock(output, async () => replaceFile(output, result.kubeconfig, await readIfExists(output)));
  }
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
    io.stderr(`Wrote the ${result.apiVersion} ${kind} kubeconfig for ${result.server} to ${output} (mode 0600)\n`);
  } else {
    io.stdout(result.kubeconfig);
  }
  return 0;
}

/** The kubeconfig file kubectl would use: the first path of $KUBECONFIG, else ~/.kube/config. */
export function defaultKubeconfigPath(io: Environment): string {
  const first = io.env.KUBECONFIG?.split(process.platform === 'win32' ? ';' : ':').find((path) => path !== '');
  return resolve(first ?? join(io.homeDir, '.kube', 'config'));
}

function describeChanges(changes: Change[]): string {
  return changes
    .map((change) =>
      change.section === 'current-context'
        ? `current-context → ${change.name}`
        : `${change.section.slice(0, -1)} ${change.name} ${change.action}`,
    )
    .join(', ');
}

/** The merge's outcome for `previous` (undefined: no file yet); the file is not touched. */
function planMerge(
  previous: string | undefined,
  result: Fetched,
  target: string,
  flags: { context?: string | undefined; 'set-current'?: boolean | undefined },
) {
  const outcome = mergeKubeconfig(previous ?? '', readIncoming(result.kubeconfig), target, {
    ...(flags.context !== undefined && { contextName: flags.context }),
    setCurrent: flags['set-current'] ?? false,
  });
  return { ...outcome, created: previous === undefined };
}

export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    ...FETCH_OPTIONS,
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    'set-current': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (flags.help) {
    io.stdout(helpText('merge'));
    return 0;
  }
  if (flags.context !== undefined && !/^[\w.@:/-]{1,253}$/.test(flags.context)) {
    throw new UsageError('--context: expected a name of letters, digits and . _ - @ : / (at most 253)');
  }
  const dryRun = flags['dry-run'] ?? false;
  const target = flags.kubeconfig === undefined ? defaultKubeconfigPath(io) : resolve(flags.kubeconfig);
  const result = await fetchKubeconfig(flags, io);
  // A dry run reads the file as it is (writes are atomic renames: it reads the old file or the new
  // one, whole) and takes no lock: it creates nothing, not even the folder or the lock file.
  const merged = dryRun
    ? planMerge(await readIfExists(target), result, target, flags)
    : await withFileLock(target, async () => {
        const previous = await readIfExists(target);
        const outcome = planMerge(previous, result, target, flags);
        if (outcome.changed) await replaceFile(target, outcome.text, previous);
        return outcome;
      });
  if (flags.json) {
    const { changes, changed, context, created } = merged;
    io.stdout(
      `${JSON.stringify(
        {
          kubeconfig: target,
          apiVersion: result.apiVersion,
          clusterId: result.clusterId,
          admin: result.admin,
          server: result.server,
          context,
          dryRun,
          changed,
          created,
          changes,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const real = merged.changes.filter((change) => change.action !== 'unchanged');
  if (!merged.changed) {
    io.stdout(
      `${target} already has context ${merged.context} for ${result.server}: nothing ${dryRun ? 'would change' : 'changed'}\n`,
    );
  } else if (dryRun) {
    io.stdout(`Would ${merged.created ? 'create' : 'update'} ${target}: ${describeChanges(real)}\n`);
    io.stdout('Dry run: nothing was written.\n');
  } else {
    io.stdout(`${merged.created ? 'Created' : 'Updated'} ${target}: ${describeChanges(real)}\n`);
    if (!merged.created) io.stdout(`Previous version kept as ${backupPath(target)}\n`);
  }
  return 0;
}
