/**
 * Requests per second of the emulator (signature verification and spec validation on) beside two
 * baselines, under the same load tool (autocannon), concurrency, request and body, in interleaved
 * rounds, each server in its own process:
 * - `emulator.throughput`: a signed `listClusters` (a page of 20) with 1,000 clusters in the emulator's
 *   state, beside Prism's mock server (@stoplight/prism-cli) answering the same request from the same
 *   bundled document. Target: at least 10× Prism.
 * - `emulator.vs-bare-http`: the honest ceiling, a bare `node:http` server answering the same
 *   kubeconfig body (fetched from the emulator) with no checks. Target: at least 0.45 of it (the
 *   signature is verified with node:crypto's `createHmac`, one OpenSSL HMAC context per request).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareInRounds, figure, writeFigures } from '@scp-ske/bench-kit';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '@scp-ske/emulator';
import { computeSignature } from '@scp-ske/signing';
import { documentPath } from '@scp-ske/spec';
import autocannon from 'autocannon';

const CONNECTIONS = 10;
const SECONDS = 3;
const bin = (name) => fileURLToPath(new URL(`node_modules/.bin/${name}`, import.meta.url));
const PATH = `/v1/clusters/${DEFAULT_CLUSTERS[0].id}/user-kubeconfig?kubeconfig_type=private`;
const LIST_PATH = '/v1/clusters?size=20';
const CLUSTERS = 1_000;

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process and resolves once `ready` matches its output. */
function start(command, args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) resolve({ child, output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited (${code}): ${output.slice(-500)}`)));
  });
}

function signedHeaders(base, path = PATH) {
  const [credentials] = DEMO_CREDENTIALS;
  const timestamp = String(Date.now());
  return {
    'Scp-AccessKey': credentials.accessKey,
    'Scp-Timestamp': timestamp,
    'Scp-ClientType': 'Openapi',
    'Scp-Api-Version': 'ske 1.3',
    'Scp-Signature': computeSignature({
      method: 'GET',
      url: `${base}${path}`,
      timestamp,
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
    }),
  };
}

async function requestsPerSecond(base, path = PATH) {
  const headers = signedHeaders(base, path);
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${base}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

/** The emulator's answer to the benchmarked request: the body and type the bare server repeats. */
async function kubeconfigAnswer(base) {
  const response = await fetch(`${base}${PATH}`, { headers: signedHeaders(base) });
  if (response.status !== 200) throw new Error(`${base}: the kubeconfig request answered ${response.status}`);
  return { body: await response.text(), contentType: response.headers.get('content-type') };
}

/** A bare node:http server: the same body for every request, headers precomputed, nothing checked. */
const BARE_SERVER = `
const { createServer } = require('node:http');
const body = process.env.BARE_BODY;
const headers = {
  'cache-control': 'no-store',
  'content-length': String(Buffer.byteLength(body)),
  'content-type': process.env.BARE_CONTENT_TYPE,
};
const server = createServer((request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
`;

const emulator = await start(bin('scp-ske-emulator'), ['--port', '0'], /listening on http:\/\/\S+/);
const emulatorUrl = /listening on (http:\/\/\S+)/.exec(emulator.output)[1];
// A second emulator with 1,000 clusters in its state (fixtures: the demo ones, then generated ones).
const work = mkdtempSync(join(tmpdir(), 'scp-ske-emulator-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const fixtures = join(work, 'fixtures.json');
const [demo] = DEFAULT_CLUSTERS;
writeFileSync(
  fixtures,
  JSON.stringify({
    clusters: Array.from({ length: CLUSTERS }, (_, index) => ({
      ...demo,
      id: index.toString(16).padStart(32, '0'),
      name: `cluster-${index}`,
      nodepools: undefined,
    })),
  }),
);
const loaded = await start(
  bin('scp-ske-emulator'),
  ['--port', '0', '--fixtures', fixtures],
  /listening on http:\/\/\S+/,
);
const loadedUrl = /listening on (http:\/\/\S+)/.exec(loaded.output)[1];
const prismPort = await freePort();
const prism = await start(
  bin('prism'),
  ['mock', documentPath('1.3'), '--port', String(prismPort), '--host', '127.0.0.1'],
  /Prism is listening/,
);
const prismUrl = `http://127.0.0.1:${prismPort}`;
const answer = await kubeconfigAnswer(emulatorUrl);
const bare = await start(process.execPath, ['-e', BARE_SERVER], /listening on http:\/\/\S+/, {
  BARE_BODY: answer.body,
  BARE_CONTENT_TYPE: answer.contentType,
});
const bareUrl = /listening on (http:\/\/\S+)/.exec(bare.output)[1];

try {
  const versusPrism = await compareInRounds({
    rounds: 3,
    warmup: 1,
    subject: () => requestsPerSecond(loadedUrl, LIST_PATH),
    baseline: () => requestsPerSecond(prismUrl, LIST_PATH),
  });
  const versusBare = await compareInRounds({
    rounds: 5,
    warmup: 1,
    subject: () => requestsPerSecond(emulatorUrl),
    baseline: () => requestsPerSecond(bareUrl),
  });
  const load = `autocannon, ${CONNECTIONS} connections, ${SECONDS} s per round`;
  writeFigures(new URL('.', import.meta.url).pathname, 'emulator-throughput', [
    figure({
      id: 'emulator.throughput',
      description: `requests/s answering a signed listClusters (a page of 20 of ${CLUSTERS} clusters in its state; signature verified, parameters validated against the spec) vs Prism 5.14 mock answering the same request from the same bundled document; ${load}`,
      unit: 'req/s',
      result: versusPrism,
      baselineName: 'Prism mock',
      target: { op: '>=', value: 10 },
    }),
    figure({
      id: 'emulator.vs-bare-http',
      description: `requests/s answering a signed GET user-kubeconfig (every check on) vs a bare node:http server answering the same ${Buffer.byteLength(answer.body)}-byte body with no checks; same request, ${load}`,
      unit: 'req/s',
      result: versusBare,
      baselineName: 'bare node:http',
      target: { op: '>=', value: 0.45 },
    }),
  ]);
} finally {
  emulator.child.kill('SIGTERM');
  loaded.child.kill('SIGTERM');
  prism.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
}
