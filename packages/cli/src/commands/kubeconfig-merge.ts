/**
 * `scp-ske kubeconfig merge`: the kubeconfig `get` asks for (and checks), merged into the user's
 * kubeconfig files; the entries it writes are checked too: their server by the server rule, their
 * keys and values for control characters (kubeconfig-check.ts). The user entry runs
 * `scp-ske kubeconfig credential` (exec-user.ts) unless `--embed-credential` asks for the credential itself.
 */
import { existsSync } from 'node:fs';
import type { Environment } from '../connection.js';
import { execUser } from '../exec-user.js';
import { helpText } from '../help.js';
import { readIncoming, renameIncoming } from '../incoming-kubeconfig.js';
import { checkEntries } from '../kubeconfig-check.js';
import { fileForNewValues, kubeconfigPaths } from '../kubeconfig-files.js';
import { checkEntryName, entryNames } from '../kubeconfig-names.js';
import { mergeIntoKubeconfig } from '../merge-files.js';
import { mergeSummary } from '../merge-summary.js';
import { OUTPUT_OPTIONS, outputFormat, printData } from '../output.js';
import { checkServer } from '../server-rule.js';
import { parseFlags, UsageError } from '../usage.js';
import { resolveWriteTarget } from '../write-target.js';
import { FETCH_OPTIONS, fetchKubeconfig, type Io } from './kubeconfig.js';

/** The kubeconfig file kubectl would write a new entry to: the first that exists of $KUBECONFIG, else ~/.kube/config. */
export function defaultKubeconfigPath(io: Environment): string {
  const { paths } = kubeconfigPaths(undefined, io);
  return fileForNewValues(paths, (path) => existsSync(path));
}

export async function mergeCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    ...FETCH_OPTIONS,
    ...OUTPUT_OPTIONS,
    kubeconfig: { type: 'string' },
    context: { type: 'string' },
    'cluster-alias': { type: 'string' },
    'user-alias': { type: 'string' },
    'set-current': { type: 'boolean' },
    overwrite: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    exec: { type: 'boolean' },
    'embed-credential': { type: 'boolean' },
  });
  if (flags.help) {
    io.stdout(helpText('merge'));
    return 0;
  }
  if (flags.exec && flags['embed-credential']) {
    throw new UsageError('--exec and --embed-credential: pass one of them (--exec is the default)');
  }
  const embed = flags['embed-credential'] ?? false;
  checkEntryName(flags.context, '--context');
  checkEntryName(flags['cluster-alias'], '--cluster-alias');
  checkEntryName(flags['user-alias'], '--user-alias');
  const { paths } = kubeconfigPaths(flags.kubeconfig, io);
  // A path that can never be written (a directory, a device) stops the command before any request.
  await Promise.all(paths.map((path) => resolveWriteTarget(path)));
  const dryRun = flags['dry-run'] ?? false;
  const result = await fetchKubeconfig(flags, io);
  const incoming = readIncoming(result.kubeconfig);
  checkEntries({ ...incoming });
  checkServer(String(incoming.cluster.body.server), result.serverRule);
  const names = entryNames(
    {
      clusterName: incoming.cluster.name,
      clusterId: result.clusterId,
      kubeconfigType: result.kubeconfigType,
      admin: result.admin,
    },
    { context: flags.context, cluster: flags['cluster-alias'], user: flags['user-alias'] },
  );
  const renamed = renameIncoming(incoming, names);
  const entries = embed
    ? renamed
    : {
        ...renamed,
        user: {
          name: renamed.user.name,
          body: execUser({
            clusterId: result.clusterId,
            kubeconfigType: result.kubeconfigType,
            admin: result.admin,
            flags,
          }),
        },
      };
  const report = await mergeIntoKubeconfig(paths, entries, {
    dryRun,
    setCurrent: flags['set-current'] ?? false,
    overwrite: flags.overwrite ?? false,
  });
  const format = outputFormat(flags);
  if (format === 'table') {
    io.stdout(mergeSummary(report, result.server));
    return 0;
  }
  const { changes, changed, context, currentContext, files } = report;
  const home = changes.find((change) => change.section === 'contexts')?.file;
  await printData(
    io,
    format,
    {
      kubeconfig: home,
      apiVersion: result.apiVersion,
      clusterId: result.clusterId,
      admin: result.admin,
      server: result.server,
      context,
      cluster: names.cluster,
      user: names.user,
      credential: embed ? 'embedded' : 'exec',
      dryRun,
      changed,
      created: files.some((file) => file.path === home && file.created),
      changes,
      currentContext,
      files,
    },
    () => '',
  );
  return 0;
}
