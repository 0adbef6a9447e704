/**
 * The consumer of the rehearsal: copied into an empty npm project that installed @scp-ske/client-1.3 and
 * @scp-ske/emulator (and @scp-ske/cli) from the rehearsal's registry, and run there with plain `node`.
 * Starts the installed emulator on 127.0.0.1, calls every read operation (GET) of the installed client's
 * operation table (`OPERATIONS`) with the emulator's demo credentials, both kubeconfig conveniences, and, with
 * `CONSUMER_CLI=1`, the installed `scp-ske` bin through npx. Prints one JSON line: what is installed
 * (which contract), and what every call answered. Exits 1 when a call did not answer 200.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { API_VERSION, createSkeClient, OPERATIONS } from '@scp-ske/client-1.3';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS, startEmulator } from '@scp-ske/emulator';

const manifestPath = (from, name) => createRequire(from).resolve(`${name}/package.json`);
const readManifest = (path) => JSON.parse(readFileSync(path, 'utf8'));
const project = new URL('./package.json', import.meta.url);
const clientManifest = manifestPath(project, '@scp-ske/client-1.3');
const runtimeManifest = manifestPath(clientManifest, '@scp-ske/client');
const emulatorManifest = manifestPath(project, '@scp-ske/emulator');
const emulatorSpecManifest = manifestPath(emulatorManifest, '@scp-ske/spec');
const client = readManifest(clientManifest);
const emulatorSpecVersions = readManifest(emulatorSpecManifest.replace(/package\.json$/, 'versions.json'));

const installed = {
  '@scp-ske/client-1.3': client.version,
  '@scp-ske/client (its runtime)': readManifest(runtimeManifest).version,
  '@scp-ske/spec (of that runtime)': readManifest(manifestPath(runtimeManifest, '@scp-ske/spec')).version,
  '@scp-ske/emulator': readManifest(emulatorManifest).version,
  '@scp-ske/spec (of the emulator)': readManifest(emulatorSpecManifest).version,
};

/** A value for every required parameter the operations of ske 1.x have had (and the rehearsal's `region`). */
const cluster = DEFAULT_CLUSTERS[0];
const VALUES = {
  cluster_id: cluster.id,
  nodepool_id: cluster.nodepools?.[0]?.id,
  kubeconfig_type: 'private',
  region: 'kr-west1',
};
const [{ accessKey, secretKey }] = DEMO_CREDENTIALS;
const outcome = (error) => ({ error: `${error.name}: ${error.message}`, code: error.code, status: error.status });

const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
const result = {
  apiVersion: API_VERSION,
  installed,
  contract: {
    emulatorSpecSha256: emulatorSpecVersions.versions.find((entry) => entry.version === '1.3')?.sha256,
    listClustersParameters: OPERATIONS.listClusters.parameters.map((parameter) => parameter.name),
  },
  operations: {},
  conveniences: {},
};
try {
  const ske = createSkeClient({ endpoint: emulator.url, credentials: { accessKey, secretKey } });
  // The read operations (GET): the consumer proves the published client calls the published emulator, and
  // leaves its state alone.
  for (const [operationId, operation] of Object.entries(OPERATIONS).filter(([, { method }]) => method === 'GET')) {
    const required = operation.parameters.filter((parameter) => parameter.required);
    const input = Object.fromEntries(required.map((parameter) => [parameter.key, VALUES[parameter.name]]));
    try {
      const { status } = await ske[operationId](input);
      result.operations[operationId] = { required: required.map((parameter) => parameter.name), status };
    } catch (error) {
      result.operations[operationId] = { required: required.map((parameter) => parameter.name), ...outcome(error) };
    }
  }
  for (const convenience of ['getUserKubeconfig', 'getAdminKubeconfig']) {
    try {
      const { contexts, server } = await ske[convenience]({ clusterId: cluster.id, kubeconfigType: 'private' });
      result.conveniences[convenience] = { contexts, server };
    } catch (error) {
      result.conveniences[convenience] = outcome(error);
    }
  }
  // The request a caller of the first contract makes: no arguments at all.
  try {
    result.listClustersWithoutArguments = { status: (await ske.listClusters({})).status };
  } catch (error) {
    result.listClustersWithoutArguments = outcome(error);
  }
  if (process.env.CONSUMER_CLI === '1') {
    const npx = (args) =>
      promisify(execFile)('npx', ['--no-install', 'scp-ske', ...args], {
        env: { ...process.env, SCP_ACCESS_KEY: accessKey, SCP_SECRET_KEY: secretKey },
      }).then(
        ({ stdout }) => ({ exitCode: 0, stdout: stdout.trim() }),
        (error) => ({
          exitCode: error.code,
          stdout: `${error.stdout ?? ''}`.trim(),
          stderr: `${error.stderr ?? ''}`.trim(),
        }),
      );
    result.cli = {
      version: (await npx(['--version'])).stdout,
      clustersList: await npx(['clusters', 'list', '--endpoint', emulator.url]),
    };
  }
} finally {
  await emulator.close();
}
console.log(JSON.stringify(result));
const passed =
  Object.values(result.operations).every((call) => call.status === 200) &&
  Object.values(result.conveniences).every((call) => call.error === undefined) &&
  (result.cli?.clustersList.exitCode ?? 0) === 0;
process.exit(passed ? 0 : 1);
