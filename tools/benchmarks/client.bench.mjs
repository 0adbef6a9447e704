/**
 * Signed, typed calls of @scp-ske/client-1.3 beside raw requests of the same URLs with precomputed
 * headers, against one minimal local HTTP server (a fixed kubeconfig, or a fixed JSON cluster list), in
 * interleaved rounds:
 * - the operation methods `showClusterUserKubeconfig` (text) and `listClusters` (JSON, parsed) against a
 *   raw node:http GET, their own transport (what the client adds: argument checks, URL building,
 *   signing, retry and skew bookkeeping, parsing). Target: at most 1.15× each.
 * - `getUserKubeconfig` (the convenience: the operation plus the kubeconfig check with the YAML
 *   library, ≈ 0.4 ms of parsing a kubeconfig whatever the transport) against a raw fetch and a raw
 *   node:http GET, and the client given `fetch: globalThis.fetch` against the raw fetch, for context.
 */
import { createServer, request } from 'node:http';
import { compareInRounds, figure, microsecondsPerAsyncCall, writeFigures } from '@scp-ske/bench-kit';
import { createSkeClient } from '@scp-ske/client-1.3';

const CALLS = 100;
const CLUSTER_ID = '70a599e031e749b7b260868f441e862b';
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    certificate-authority-data: ${'QUJD'.repeat(300)}
    server: https://c.ske.private.kr-west1.samsungsdscloud.com:6443
users:
- name: u
  user:
    token: ${'t'.repeat(64)}
contexts:
- name: c
  context:
    cluster: c
    user: u
current-context: c
`;

const CLUSTER_LIST = JSON.stringify({
  clusters: Array.from({ length: 5 }, (_, index) => ({
    id: CLUSTER_ID.slice(0, 31) + index,
    name: `cluster-${index}`,
    account_id: 'a'.repeat(32),
    kubernetes_version: 'v1.29.8',
    status: 'RUNNING',
    node_count: 3,
    subnet_id: null,
    created_at: '2025-03-31 00:23:17+00:00',
    modified_at: '2025-03-31 00:23:17+00:00',
  })),
  count: 5,
  links: [],
});

const server = createServer((request, response) => {
  const list = request.url.startsWith('/v1/clusters?') || request.url === '/v1/clusters';
  response.writeHead(200, { 'content-type': list ? 'application/json' : 'application/yaml' });
  response.end(list ? CLUSTER_LIST : KUBECONFIG);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const url = `${endpoint}/v1/clusters/${CLUSTER_ID}/user-kubeconfig?kubeconfig_type=private`;
const listUrl = `${endpoint}/v1/clusters?status=RUNNING`;
const headers = {
  'Scp-AccessKey': 'AKBENCH',
  'Scp-Timestamp': '1605290625682',
  'Scp-Signature': 'q0OJkr3HhbGbhFfYQUwZUgxYDmJZNRyupjvu8OHU8/4=',
  'Scp-ClientType': 'Openapi',
  'Scp-Api-Version': 'ske 1.3',
  'Accept-Language': 'en-US',
};
const credentials = { accessKey: 'AKBENCH', secretKey: 'bench-secret' };
const client = createSkeClient({ endpoint, credentials });
const clientOverFetch = createSkeClient({ endpoint, credentials, fetch: (input, init) => fetch(input, init) });
const input = { clusterId: CLUSTER_ID, kubeconfigType: 'private' };

const rawHttpGet = (target) =>
  new Promise((resolve, reject) => {
    request(target, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });

const calls = {
  client: () => client.getUserKubeconfig(input),
  operation: () => client.showClusterUserKubeconfig(input),
  listClusters: () => client.listClusters({ status: 'RUNNING' }),
  clientOverFetch: () => clientOverFetch.getUserKubeconfig(input),
  raw: async () => (await fetch(url, { headers })).text(),
  rawHttp: () => rawHttpGet(url),
  rawHttpList: async () => JSON.parse(await rawHttpGet(listUrl)),
};
const compare = (subject, baseline) =>
  compareInRounds({
    rounds: 41,
    warmup: 4,
    subject: () => microsecondsPerAsyncCall(calls[subject], CALLS),
    baseline: () => microsecondsPerAsyncCall(calls[baseline], CALLS),
  });
const operation = await compare('operation', 'rawHttp');
const listing = await compare('listClusters', 'rawHttpList');
const result = await compare('client', 'raw');
const overHttp = await compare('client', 'rawHttp');
const overFetch = await compare('clientOverFetch', 'raw');
server.close();

writeFigures(new URL('.', import.meta.url).pathname, 'client-call', [
  figure({
    id: 'client.showClusterUserKubeconfig',
    description: `the operation method showClusterUserKubeconfig (argument checks, URL from the spec, signing, version header, retry and skew bookkeeping; text body) vs a raw node:http GET with precomputed headers, ${CALLS} sequential calls per round on 127.0.0.1, 41 rounds`,
    unit: 'µs/call',
    result: operation,
    baselineName: 'raw node:http',
    target: { op: '<=', value: 1.15 },
  }),
  figure({
    id: 'client.listClusters',
    description: `the operation method listClusters({ status }) (the same, with a JSON body parsed) vs a raw node:http GET with precomputed headers and JSON.parse, ${CALLS} calls per round`,
    unit: 'µs/call',
    result: listing,
    baselineName: 'raw node:http + JSON.parse',
    target: { op: '<=', value: 1.15 },
  }),
  figure({
    id: 'client.getUserKubeconfig',
    description: `getUserKubeconfig (the operation, plus the kubeconfig check with the yaml library, which a raw call does not do) vs raw fetch with precomputed headers, ${CALLS} sequential calls per round on 127.0.0.1`,
    unit: 'µs/call',
    result,
    baselineName: 'raw fetch',
  }),
  figure({
    id: 'client.getUserKubeconfig-vs-raw-http',
    description: `getUserKubeconfig vs a raw node:http GET with precomputed headers (its own transport): what the client adds, ${CALLS} calls per round`,
    unit: 'µs/call',
    result: overHttp,
    baselineName: 'raw node:http',
  }),
  figure({
    id: 'client.getUserKubeconfig-over-fetch',
    description: `getUserKubeconfig given fetch: globalThis.fetch vs raw fetch with precomputed headers, ${CALLS} calls per round`,
    unit: 'µs/call',
    result: overFetch,
    baselineName: 'raw fetch',
  }),
]);
