/**
 * A signed, typed getUserKubeconfig call (@scp-ske/client-1.3) beside a raw fetch of the same URL with
 * precomputed headers, against one minimal local HTTP server returning a fixed kubeconfig, in
 * interleaved rounds. Target: at most 1.15× the raw fetch.
 *
 * The client sends over node:http unless given a `fetch`, so two more figures, for context: the
 * client against a raw node:http GET with precomputed headers (what the client adds over its own
 * transport: signing, retries, skew, validation, the kubeconfig check), and the client given
 * `fetch: globalThis.fetch` against the raw fetch (the same, over fetch).
 */
import { createServer, request } from 'node:http';
import { compareInRounds, figure, microsecondsPerAsyncCall, writeFigures } from '@scp-ske/bench-kit';
import { createSkeClient } from '@scp-ske/client-1.3';

const CALLS = 400;
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

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/yaml' });
  response.end(KUBECONFIG);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const url = `${endpoint}/v1/clusters/${CLUSTER_ID}/user-kubeconfig?kubeconfig_type=private`;
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

const calls = {
  client: () => client.getUserKubeconfig(input),
  clientOverFetch: () => clientOverFetch.getUserKubeconfig(input),
  raw: async () => (await fetch(url, { headers })).text(),
  rawHttp: () =>
    new Promise((resolve, reject) => {
      request(url, { headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    }),
};
const compare = (subject, baseline) =>
  compareInRounds({
    rounds: 11,
    warmup: 2,
    subject: () => microsecondsPerAsyncCall(calls[subject], CALLS),
    baseline: () => microsecondsPerAsyncCall(calls[baseline], CALLS),
  });
const result = await compare('client', 'raw');
const overHttp = await compare('client', 'rawHttp');
const overFetch = await compare('clientOverFetch', 'raw');
server.close();

writeFigures(new URL('.', import.meta.url).pathname, 'client-call', [
  figure({
    id: 'client.getUserKubeconfig',
    description: `getUserKubeconfig (validate, sign, version header, retry and skew handling, kubeconfig check; over node:http) vs raw fetch with precomputed headers, ${CALLS} sequential calls per round on 127.0.0.1`,
    unit: 'µs/call',
    result,
    baselineName: 'raw fetch',
    target: { op: '<=', value: 1.15 },
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
