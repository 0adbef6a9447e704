/**
 * A signed, typed getUserKubeconfig call (@scp-ske/client-1.3) beside a raw fetch of the same URL with
 * precomputed headers, against one minimal local HTTP server returning a fixed kubeconfig, in
 * interleaved rounds. Target: at most 1.15× the raw fetch.
 */
import { createServer } from 'node:http';
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
const client = createSkeClient({ endpoint, credentials: { accessKey: 'AKBENCH', secretKey: 'bench-secret' } });

const result = await compareInRounds({
  rounds: 11,
  warmup: 2,
  subject: () =>
    microsecondsPerAsyncCall(
      () => client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' }),
      CALLS,
    ),
  baseline: () => microsecondsPerAsyncCall(async () => (await fetch(url, { headers })).text(), CALLS),
});
server.close();

writeFigures(new URL('.', import.meta.url).pathname, 'client-call', [
  figure({
    id: 'client.getUserKubeconfig',
    description: `getUserKubeconfig (sign, version header, openapi-fetch, kubeconfig check) vs raw fetch with precomputed headers, ${CALLS} sequential calls per round on 127.0.0.1`,
    unit: 'µs/call',
    result,
    baselineName: 'raw fetch',
    target: { op: '<=', value: 1.15 },
  }),
]);
