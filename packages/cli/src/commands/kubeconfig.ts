/** `scp-ske kubeconfig get` and `scp-ske kubeconfig merge`. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { backupPath, writeFileAtomic } from '../atomic-file.js';
import { connect, type Environment } from '../connection.js';
import { withFileLock } from '../file-lock.js';
import { type Change, mergeKubeconfig, readIncoming } from '../kubeconfig-merge.js';
import { CONNECTION_OPTIONS, type Flags, helpText, parseFlags, UsageError } from '../usage.js';

export interface Io extends Environment {
  stdout(text: string): void;
}

const FETCH_OPTIONS = {
  ...CONNECTION_OPTIONS,
  'cluster-id': { type: 'string' },
  type: { type: 'string' },
} as const;

function required(value: string | undefined, flag: string, expected: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag}: required (${expected})`);
  return value;
}

async function fetchKubeconfig(flags: Flags<typeof FETCH_OPTIONS>, io: Io) {
  const clusterId = required(flags['cluster-id'], '--cluster-id', '32 lower-case hex digits');
  const kubeconfigType = required(flags.type, '--type', 'private or public');
  const { client } = await connect(flags, io);
  return client.getUserKubeconfig({ clusterId, kubeconfigType });
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
    server: result.server,
    contexts: result.contexts,
    requestId: result.requestId,
  };
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(output ? { ...summary, output } : { ...summary, kubeconfig: result.kubeconfig }, null, 2)}\n`,
    );
  } else if (output) {
    io.stderr(`Wrote the ${result.apiVersion} kubeconfig for ${result.server} to ${output} (mode 0600)\n`);
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

export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    ...FETCH_OPTIONS,
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    'set-current': { type: 'boolean' },
  });
  if (flags.help) {
    io.stdout(helpText('merge'));
    return 0;
  }
  if (flags.context !== undefined && !/^[\w.@:/-]{1,253}$/.test(flags.context)) {
    throw new UsageError('--context: expected a name of letters, digits and . _ - @ : / (at most 253)');
  }
  const target = flags.kubeconfig === undefined ? defaultKubeconfigPath(io) : resolve(flags.kubeconfig);
  const result = await fetchKubeconfig(flags, io);
  const incoming = readIncoming(result.kubeconfig);
  const merged = await withFileLock(target, async () => {
    const previous = await readIfExists(target);
    const outcome = mergeKubeconfig(previous ?? '', incoming, target, {
      ...(flags.context !== undefined && { contextName: flags.context }),
      setCurrent: flags['set-current'] ?? false,
    });
    if (outcome.changed) await replaceFile(target, outcome.text, previous);
    return { ...outcome, created: previous === undefined };
  });
  if (flags.json) {
    const { changes, changed, context, created } = merged;
    io.stdout(
      `${JSON.stringify({ kubeconfig: target, apiVersion: result.apiVersion, server: result.server, context, changed, created, changes }, null, 2)}\n`,
    );
  } else if (!merged.changed) {
    io.stdout(`${target} already has context ${merged.context} for ${result.server}: nothing changed\n`);
  } else {
    const real = merged.changes.filter((change) => change.action !== 'unchanged');
    io.stdout(`${merged.created ? 'Created' : 'Updated'} ${target}: ${describeChanges(real)}\n`);
    if (!merged.created) io.stdout(`Previous version kept as ${backupPath(target)}\n`);
  }
  return 0;
}
