/**
 * `scp-ske-emulator`: runs the emulator until SIGINT/SIGTERM, printing its URL, the credentials it
 * accepts (demo secrets only: secrets from a fixtures file are never printed) with their IAM actions,
 * and its clusters. A bad flag exits 2 naming it; a port or host it cannot listen on (in use,
 * privileged, not this machine's) or a state file it cannot read exits 1 with one line saying so.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';
import { DEMO_CREDENTIALS, FixtureError, parseFixtures } from './fixtures.js';
import { StateFileError } from './state/persist.js';

const USAGE = `Usage: scp-ske-emulator [--port 8080] [--host 127.0.0.1] [--now 2025-12-01] [--fixtures file.json]
                        [--transition-ms 3000] [--state file.json] [--timestamp-window-ms 300000]
                        [--kube-api-port 0] [--no-kube-api]

A local SKE API: every operation of every version of the spec, signed requests only, each checked
against the spec (parameters, body, IAM action, lifecycle), over a store of clusters, nodepools and
nodes seeded from fixtures; changes run on the emulator's clock (CREATING → RUNNING, …):
  GET    /v1/clusters                                 listClusters (filters, paging)
  POST   /v1/clusters                                 createCluster
  GET    /v1/clusters/{cluster_id}                    showCluster
  DELETE /v1/clusters/{cluster_id}                    deleteCluster
  GET    /v1/clusters/{cluster_id}/kubeconfig         createClusterKubeconfig (the ADMIN kubeconfig)
  GET    /v1/clusters/{cluster_id}/user-kubeconfig    showClusterUserKubeconfig
  PUT    /v1/clusters/{cluster_id}/logging            setClusterLogging
  PUT    /v1/clusters/{cluster_id}/private-access-control  setClusterPrivateAccessControl
  PUT    /v1/clusters/{cluster_id}/public-access-control   setClusterPublicAccessControl
  PUT    /v1/clusters/{cluster_id}/security-groups    setClusterSecurityGroups
  PUT    /v1/clusters/{cluster_id}/service-watch-logging   setClusterServiceWatchLogging (ske 1.1+)
  PUT    /v1/clusters/{cluster_id}/upgrade            setClusterUpgrade
  GET    /v1/clusters/{cluster_id}/nodepools          listNodepools
  GET    /v1/kubernetes-versions                      listKubernetesVersions
  POST   /v1/nodepools                                createNodepool
  GET    /v1/nodepools/{nodepool_id}                  showNodepool
  PUT    /v1/nodepools/{nodepool_id}                  setNodepool
  DELETE /v1/nodepools/{nodepool_id}                  deleteNodepool
  PUT    /v1/nodepools/{nodepool_id}/labels           setNodepoolLabels
  PUT    /v1/nodepools/{nodepool_id}/taints           setNodepoolTaints
  PUT    /v1/nodepools/{nodepool_id}/upgrade          setNodepoolUpgrade
  GET    /v1/nodepools/{nodepool_id}/nodes            listNodepoolNodes
  GET    /                                            the version list (unsigned)

and, on a port of its own, a Kubernetes API for every cluster (HTTPS, with a CA made at start), enough
for kubectl version, get namespaces, get nodes and auth whoami: the kubeconfigs the emulator issues
point at it and trust its CA, and it accepts the credentials they carry.

  --port                 port to listen on (default 8080; 0 for any free port; a busy one exits 1)
  --host                 address to listen on (default 127.0.0.1)
  --now                  start the emulator's clock at this date (judges lifecycle and timestamps)
  --fixtures             JSON file: { "clusters": [...], "credentials": [...] } (see README)
  --transition-ms        how long a change runs before it is done (default 3000)
  --state                JSON file keeping the store across restarts (read if present, written on change)
  --timestamp-window-ms  accepted clock distance of Scp-Timestamp (default 300000)
  --kube-api             serve the Kubernetes API (the default)
  --kube-api-port        its port (default 0: any free port, printed at start)
  --no-kube-api          do not serve it: kubeconfigs point at the clusters' SCP endpoints, as SCP's do

Example:
  scp-ske-emulator --port 8080 --state ske-state.json
`;

function usageError(message: string): never {
  process.stderr.write(`scp-ske-emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A failure to start, said in one line (no stack trace), with exit code 1. */
function startError(message: string): never {
  process.stderr.write(`scp-ske-emulator: ${message}\n`);
  process.exit(1);
}

/** The one-line reason a listen failed, for the errors a flag can cause; undefined for any other. */
function listenProblem(error: unknown, host: string, port: number, flag = '--port'): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${port} is in use (EADDRINUSE on ${host}; pick another with ${flag}, or ${flag} 0 for any free port)`;
  }
  if (code === 'EACCES')
    return `port ${port} needs privileges on this system (EACCES on ${host}; use a port above 1023)`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot listen on host ${host} (${code}; --host takes an address of this machine, e.g. 127.0.0.1)`;
  }
  return undefined;
}

function wholeNumber(value: string | undefined, flag: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    usageError(`${flag}: expected a whole number up to ${max}, received "${value}"`);
  return Number(value);
}

export async function main(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        now: { type: 'string' },
        fixtures: { type: 'string' },
        'transition-ms': { type: 'string' },
        state: { type: 'string' },
        'timestamp-window-ms': { type: 'string' },
        'kube-api': { type: 'boolean' },
        'no-kube-api': { type: 'boolean' },
        'kube-api-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = wholeNumber(values.port as string | undefined, '--port', 8080, 65535);
  const timestampWindowMs = wholeNumber(
    values['timestamp-window-ms'] as string | undefined,
    '--timestamp-window-ms',
    300_000,
  );
  const transitionMs = wholeNumber(values['transition-ms'] as string | undefined, '--transition-ms', 3000);
  if (values['kube-api'] && values['no-kube-api']) usageError('--kube-api and --no-kube-api: pass one of them');
  const kubeApi = values['no-kube-api'] !== true;
  const kubeApiPort = wholeNumber(values['kube-api-port'] as string | undefined, '--kube-api-port', 0, 65535);
  const stateFile = values.state as string | undefined;
  if (stateFile === '') usageError('--state: expected a file name');
  const now = values.now as string | undefined;
  if (now !== undefined && (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(now) || Number.isNaN(Date.parse(now)))) {
    usageError(`--now: expected a date such as 2025-12-01, received "${now}"`);
  }
  let fixtures: ReturnType<typeof parseFixtures> | undefined;
  const fixturesPath = values.fixtures as string | undefined;
  if (fixturesPath !== undefined) {
    let text: string;
    try {
      text = await readFile(fixturesPath, 'utf8');
    } catch (error) {
      usageError(`--fixtures: cannot read ${fixturesPath} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      fixtures = parseFixtures(JSON.parse(text));
    } catch (error) {
      usageError(`--fixtures ${fixturesPath}: ${error instanceof FixtureError ? error.message : 'not valid JSON'}`);
    }
  }
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      host,
      port,
      timestampWindowMs,
      transitionMs,
      // Nothing reads the record here: keeping none lets the command run for days without growing.
      recordLimit: 0,
      kubeApi,
      kubeApiPort,
      ...(stateFile !== undefined && { stateFile }),
      ...(now !== undefined && { now }),
      ...fixtures,
    });
  } catch (error) {
    if (error instanceof StateFileError) startError(error.message);
    // The Kubernetes API listens second, on its own port: a failure there names its flag.
    const failedPort = (error as { port?: unknown } | null)?.port;
    const problem =
      kubeApi && kubeApiPort !== 0 && failedPort === kubeApiPort && kubeApiPort !== port
        ? listenProblem(error, host, kubeApiPort, '--kube-api-port')
        : listenProblem(error, host, port);
    if (problem === undefined) throw error;
    startError(problem);
  }
  // Stop cleanly from the moment the server runs, before anything is printed.
  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`${signal}: stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const demo = new Map(DEMO_CREDENTIALS.map((entry) => [entry.accessKey, entry.secretKey]));
  const lines = [`SKE emulator listening on ${emulator.url}`];
  if (emulator.kubeApiUrl !== undefined) {
    lines.push(`Kubernetes API on ${emulator.kubeApiUrl} (the kubeconfigs it issues point there)`);
  }
  lines.push('Accepted credentials:');
  for (const entry of emulator.credentials) {
    const secret = demo.get(entry.accessKey) === entry.secretKey ? entry.secretKey : '(secret from the fixtures file)';
    const actions = entry.actions === undefined ? '' : `  (only ${entry.actions.join(', ') || 'no action'})`;
    lines.push(`  SCP_ACCESS_KEY=${entry.accessKey} SCP_SECRET_KEY=${secret}${actions}`);
  }
  lines.push('Clusters:');
  const clusters = emulator.clusters;
  for (const cluster of clusters) {
    const note = cluster.endpoints.public ? '' : '  (no public endpoint)';
    lines.push(`  ${cluster.id}  ${cluster.name}  ${cluster.status} ${cluster.kubernetesVersion}${note}`);
  }
  lines.push('Nodepools:');
  for (const cluster of clusters) {
    for (const nodepool of cluster.nodepools ?? []) {
      lines.push(
        `  ${nodepool.id}  ${nodepool.name}  ${nodepool.status}  ${nodepool.nodeCount} nodes  (${cluster.name})`,
      );
    }
  }
  lines.push(
    `Changes take ${transitionMs} ms; ${stateFile === undefined ? 'the state lives in memory' : `the state is kept in ${stateFile}`}.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
