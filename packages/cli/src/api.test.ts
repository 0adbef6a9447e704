/**
 * `scp-ske api METHOD PATH`: any operation of the spec, signed and sent by the version's client, against
 * a real emulator; and every request the version does not have refused before anything is sent.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matchPath } from './api-request.js';
import { DEMO } from './testing/demo.js';
import { cliEnv, scratchHome } from './testing/run-cli.js';
import { runMain } from './testing/run-main.js';

const [key] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 1 });
});
afterAll(async () => {
  await emulator.close();
});

const run = (args: string[], home = scratchHome()) =>
  runMain(
    [...args, '--endpoint', emulator.url],
    cliEnv(home, { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey }),
  );

/** The requests the emulator saw while `action` ran. */
async function during<T>(action: () => Promise<T>) {
  const before = emulator.requests.length;
  const result = await action();
  return { result, requests: emulator.requests.slice(before) };
}

describe('scp-ske api', () => {
  it('sends a GET with repeated query values, signed, with the version header, and prints the JSON answer', async () => {
    const { result, requests } = await during(() =>
      run(['api', 'GET', '/v1/clusters', '--query', 'status=RUNNING', '--query', 'status=ERROR', '--query', 'size=5']),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).clusters.map((cluster: { id: string }) => cluster.id)).toContain(DEMO);
    expect(requests.map((request) => [request.url, request.apiVersion, request.status])).toEqual([
      ['/v1/clusters?size=5&status=RUNNING&status=ERROR', 'ske 1.3', 200],
    ]);
  });

  it('prints a kubeconfig as text, in the chosen version', async () => {
    const { result, requests } = await during(() =>
      run(['api', 'get', `/v1/clusters/${DEMO}/kubeconfig?kubeconfig_type=private`, '--api-version', '1.2']),
    );
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toMatchObject({ kind: 'Config' });
    expect(requests[0]?.apiVersion).toBe('ske 1.2');
  });

  it('sends the body of --body FILE as it is written', async () => {
    const home = scratchHome();
    const file = join(home, 'logging.json');
    writeFileSync(file, JSON.stringify({ cloud_logging_enabled: true }));
    const { result, requests } = await during(() =>
      run(['api', 'PUT', `/v1/clusters/${DEMO}/logging`, '--body', file], home),
    );
    expect(result.code).toBe(0);
    expect(requests.map((request) => [request.method, request.body])).toEqual([
      ['PUT', { cloud_logging_enabled: true }],
    ]);
  });

  it.each([
    [['GET', '/v1/nothing'], /GET \/v1\/nothing: no such path in ske 1\.3/],
    [['PATCH', `/v1/clusters/${DEMO}`], /PATCH \/v1\/clusters\/\w+: ske 1\.3 has GET, DELETE on this path, not PATCH/],
    [
      ['GET', '/v1/clusters', '--query', 'colour=red'],
      /--query: listClusters has no query parameter "colour"; it takes size, page/,
    ],
    [
      ['GET', '/v1/clusters', '--query', 'name=a', '--query', 'name=b'],
      /--query: name takes one value, given more than once/,
    ],
    [['GET', '/v1/clusters', '--query', 'size'], /--query: expected name=value, received "size"/],
    [['GET', '/v1/clusters', '--body', '-'], /--body: listClusters \(GET \/v1\/clusters\) takes no request body/],
    [['GET', `/v1/clusters/${DEMO}/logging`], /ske 1\.3 has PUT on this path, not GET/],
    [['GET', `/v1/clusters/${DEMO}/service-watch-logging`, '--api-version', '1.0'], /no such path in ske 1\.0/],
    [['GET', 'v1/clusters'], /PATH: expected a path from the spec, starting with \//],
    [['GET'], /expected METHOD and PATH/],
    [['GET', '/v1/clusters', '--query', 'size=-1'], /size/],
  ])('refuses %j before anything is sent', async (args, message) => {
    const { result, requests } = await during(() => run(['api', ...args]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(requests).toEqual([]);
  });

  it('exits 1 with the API error of an error answer, its text escaped', async () => {
    const result = await run(['api', 'GET', '/v1/clusters/0123456789abcdef0123456789abcdef']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/404|NotFound/);
  });
});

describe('matchPath', () => {
  it('reads the path parameters of a template, one segment each, decoded', () => {
    expect(matchPath('/v1/clusters/{cluster_id}/kubeconfig', '/v1/clusters/a%20b/kubeconfig')).toEqual({
      cluster_id: 'a b',
    });
    expect(matchPath('/v1/clusters/{cluster_id}', '/v1/clusters/a/b')).toBeUndefined();
    expect(matchPath('/v1/clusters', '/v1/clusters')).toEqual({});
    expect(matchPath('/v1/clusters', '/v1/clustersx')).toBeUndefined();
  });
});
