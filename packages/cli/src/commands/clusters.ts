/** `scp-ske clusters list` and `scp-ske clusters show`. */
import { connect } from '../connection.js';
import { helpText } from '../help.js';
import { listAll, resolveCluster } from '../resolve-cluster.js';
import { CONNECTION_OPTIONS, parseCommand, parseFlags, UsageError, wholeNumber } from '../usage.js';
import type { Io } from './kubeconfig.js';

/** Lines of cells, each column as wide as its widest cell, two spaces apart. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** A repeated flag's values, each of which may also be a comma-separated list: one value, several, or none. */
function oneOrMany(values: string[] | undefined, flag: string): string | string[] | undefined {
  const all = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  if (all.some((value) => value === '')) throw new UsageError(`${flag}: expected a value, received an empty one`);
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
}

const LIST_OPTIONS = {
  ...CONNECTION_OPTIONS,
  name: { type: 'string' },
  status: { type: 'string', multiple: true },
  'kubernetes-version': { type: 'string', multiple: true },
  page: { type: 'string' },
  size: { type: 'string' },
} as const;

export async function listCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, LIST_OPTIONS);
  if (flags.help) {
    io.stdout(helpText('list'));
    return 0;
  }
  const page = wholeNumber(flags.page, '--page');
  const size = wholeNumber(flags.size, '--size');
  const input = {
    ...(flags.name !== undefined && { name: flags.name }),
    ...(flags.status !== undefined && { status: oneOrMany(flags.status, '--status') }),
    ...(flags['kubernetes-version'] !== undefined && {
      kubernetesVersion: oneOrMany(flags['kubernetes-version'], '--kubernetes-version'),
    }),
    ...(page !== undefined && { page }),
    ...(size !== undefined && { size }),
  };
  const { client } = await connect(flags, io);
  // Without --page or --size: every cluster, over as many pages as the service answers in.
  const paged = page !== undefined || size !== undefined;
  const data = paged ? (await client.listClusters(input)).data : await listAll(client, input);
  if (flags.json) {
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const { clusters, count } = data;
  if (clusters.length === 0) {
    io.stderr(
      typeof count === 'number' && count > 0 ? `No clusters on this page (${count} in all).\n` : 'No clusters found.\n',
    );
    // The service compares states exactly, and SCP writes them in upper case.
    const states = [input.status ?? []].flat();
    if (states.some((state) => state !== state.toUpperCase())) {
      io.stderr(`SCP writes cluster states in upper case: --status ${states.join(',').toUpperCase()}?\n`);
    }
    return 0;
  }
  io.stdout(
    table([
      ['NAME', 'ID', 'STATUS', 'VERSION', 'NODES'],
      ...clusters.map((cluster) => [
        cluster.name,
        cluster.id,
        cluster.status,
        cluster.kubernetes_version,
        cluster.node_count == null ? '-' : String(cluster.node_count),
      ]),
    ]),
  );
  if (typeof count === 'number' && count > clusters.length) {
    io.stderr(`Showing ${clusters.length} of ${count} clusters (--page and --size choose the page).\n`);
  }
  return 0;
}

type Resource = { id: string; name: string };
const resource = (value: Resource | null | undefined) => (value ? `${value.name} (${value.id})` : '-');
const downloadable = (yn: string, type: string) =>
  yn === 'Y' ? `downloadable (--type ${type})` : `not downloadable (${type}_kubeconfig_download_yn: ${yn})`;

export async function showCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommand(argv, CONNECTION_OPTIONS);
  if (flags.help) {
    io.stdout(helpText('show'));
    return 0;
  }
  const [value, ...extra] = positionals;
  if (value === undefined || value === '') throw new UsageError('clusters show: expected a cluster id or name');
  if (extra.length > 0) {
    throw new UsageError(`clusters show: expected one cluster id or name, received ${positionals.length} arguments`);
  }
  const { client, version } = await connect(flags, io);
  const { id } = await resolveCluster(client, version, value, '`scp-ske clusters show`');
  const { data } = await client.showCluster({ clusterId: id });
  if (flags.json) {
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const { cluster } = data;
  const nodes =
    cluster.node_count == null
      ? '-'
      : `${cluster.node_count}${cluster.max_node_count == null ? '' : ` (max ${cluster.max_node_count})`}`;
  const access = cluster.private_endpoint_access_control_resources ?? [];
  const rows: [string, string][] = [
    ['Name', cluster.name],
    ['ID', cluster.id],
    ['Status', cluster.status],
    ['Kubernetes version', cluster.kubernetes_version],
    ['Nodes', nodes],
    ['Namespace', cluster.cluster_namespace],
    ['Private endpoint', cluster.private_endpoint_url],
    ['Public endpoint', cluster.public_endpoint_url ?? 'none'],
    ['Private kubeconfig', downloadable(cluster.private_kubeconfig_download_yn, 'private')],
    ['Public kubeconfig', downloadable(cluster.public_kubeconfig_download_yn, 'public')],
    ...(cluster.public_endpoint_access_control_ip
      ? [['Public access from', cluster.public_endpoint_access_control_ip] as [string, string]]
      : []),
    ...(access.length > 0
      ? [
          ['Private access from', access.map((entry) => `${entry.name} (${entry.type}, ${entry.id})`).join(', ')] as [
            string,
            string,
          ],
        ]
      : []),
    ['VPC', resource(cluster.vpc)],
    ['Subnet', resource(cluster.subnet)],
    ['Security groups', cluster.security_group_list.map(resource).join(', ') || '-'],
    ['Volume', resource(cluster.volume)],
    ['Cloud logging', cluster.cloud_logging_enabled ? 'enabled' : 'disabled'],
    ['Account', cluster.account_id],
    ['Created', `${cluster.created_at} by ${cluster.created_by}`],
    ['Modified', `${cluster.modified_at} by ${cluster.modified_by}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  io.stdout(rows.map(([label, text]) => `${`${label}:`.padEnd(width)}  ${text}\n`).join(''));
  return 0;
}
