/**
 * A signed, typed getUserKubeconfig call (@scp-ske/client-1.3) beside a raw fetch of the same URL with
 * precomputed headers, against one minimal local HTTP server returning a fixed kubeconfig, in
 * interleaved rounds. Target: at most 1.15× the raw fetch.
 *
 * Also measured, for context: the floor, i.e. the least any call that signs and checks its answer
 * must do (one HMAC over a fresh timestamp, the headers as a plain object, fetch, text, the kubeconfig
 * check), written inline with nothing else; and the client against that floor, which is what the
 * client's own structure (retries, skew, lifecycle, validation, events) costs.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { compareInRounds, figure, microsecondsPerAsyncCall, writeFigures } from '@scp-ske/bench-kit';
import { readKubeconfig } from '@scp-ske/client';
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
const client = createSkeClient({ endpoint, credentials: { accessKey: 'AKBENCH', secretKey: 'bench-secret' } });

const calls = {
  client: () => client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' }),
  raw: async () => (await fetch(url, { headers })).text(),
  async floor() {
    const timestamp = String(Date.now());
    const message = `GET${url}${timestamp}AKBENCHOpenapi`;
    const signature = createHmac('sha256', 'bench-secret').update(message).digest('base64');
    const response = await fetch(url, {
      headers: { ...headers, 'Scp-Timestamp': timestamp, 'Scp-Signature': signature },
    });
    return readKubeconfig(await response.text());
  },
};
const compare = (subject, baseline) =>
  compareInRounds({
    rounds: 11,
    warmup: 2,
    subject: () => microsecondsPerAsyncCall(calls[subject], CALLS),
    baseline: () => microsecondsPerAsyncCall(calls[baseline], CALLS),
  });
const result = await compare('client', 'raw');
const floor = await compare('floor', 'raw');
const structure = await compare('client', 'floor');
server.close();

writeFigures(new URL('.', import.meta.url).pathname, 'client-call', [
  figure({
    id: 'client.getUserKubeconfig',
    description: `getUserKubeconfig (validate, sign, version header, retry and skew handling, kubeconfig check) vs raw fetch with precomputed headers, ${CALLS} sequential calls per round on 127.0.0.1`,
    unit: 'µs/call',
    result,
    baselineName: 'raw fetch',
    target: { op: '<=', value: 1.15 },
  }),
  figure({
    id: 'client.floor',
    description: `the floor: one inline HMAC, plain headers, fetch, text and readKubeconfig vs raw fetch (what any signed, checked call costs), ${CALLS} calls per round`,
    unit: 'µs/call',
    result: floor,
    baselineName: 'raw fetch',
  }),
  figure({
    id: 'client.getUserKubeconfig-vs-floor',
    description: 'getUserKubeconfig vs the floor: what the client adds (retries, skew, lifecycle, validation, events)',
    unit: 'µs/call',
    result: structure,
    baselineName: 'the floor',
  }),
]);
