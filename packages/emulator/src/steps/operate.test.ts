/**
 * The operation step beyond the handlers: an operation of the spec without a handler is answered from
 * its 200 example (checked against its schema), one with neither is a 501, and a 200 answer that does
 * not match its schema (a broken example, a broken fixture) is a 500 naming the operation.
 */
import { loadDocument, type OpenApiDocument } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator.js';
import type { RouteName } from '../faults.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo] = DEFAULT_CLUSTERS as [ClusterFixture];
const VERSIONS = { kubernetes_versions: [{ version: 'v1.30.4', status: 'SUPPORTED' }] };
const versionsSchema = {
  type: 'object',
  required: ['kubernetes_versions'],
  properties: {
    kubernetes_versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version'],
        properties: { version: { type: 'string' }, status: { type: 'string' } },
      },
    },
  },
};
const clusterId = {
  name: 'cluster_id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
};

/** A GET operation answering 200 with `content`. */
const operation = (operationId: string, content: object, parameters: object[] = []) => ({
  get: {
    operationId,
    'x-scp-action-id': `ske:${operationId[0]?.toUpperCase()}${operationId.slice(1)}`,
    parameters,
    responses: { '200': { description: 'OK', content } },
  },
});

let document: OpenApiDocument;
let emulator: Emulator;
beforeAll(async () => {
  document = structuredClone(await loadDocument('1.3', 'dereferenced'));
  Object.assign(document.paths, {
    '/v1/kubernetes-versions': operation('listKubernetesVersions', {
      'application/json': { schema: versionsSchema, example: VERSIONS },
    }),
    '/v1/clusters/{cluster_id}/nodepools': operation(
      'listNodepools',
      {
        'application/json': {
          schema: { type: 'object', required: ['nodepools'] },
          examples: { first: { value: { nodepools: ['pool-a'] } }, second: { value: { nodepools: [] } } },
        },
      },
      [clusterId],
    ),
    '/v1/clusters/{cluster_id}/logs': operation('showClusterLogs', {
      '*/*': { schema: { type: 'string', example: 'line 1\nline 2\n' } },
    }),
    '/v1/clusters/{cluster_id}/upgrades': operation('listClusterUpgrades', {
      'application/json': { schema: { type: 'object' } },
    }),
    '/v1/broken-example': operation('showBrokenExample', {
      'application/json': { schema: versionsSchema, example: { kubernetes_versions: [{ version: 129 }] } },
    }),
  });
  emulator = await startEmulator({ documents: { '1.3': document } });
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);

describe('an operation without a handler', () => {
  it("is answered from its media type's example, checked against its schema", async () => {
    const { response, body } = await call('/v1/kubernetes-versions');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(body)).toEqual(VERSIONS);
    expect(await conformanceProblems(document, 200, 'application/json', body, '/v1/kubernetes-versions')).toEqual([]);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 200, apiVersion: 'ske 1.3' });
  });

  it('is answered from the first of its examples, after its parameters are checked', async () => {
    const { response, body } = await call(`/v1/clusters/${demo.id}/nodepools`);
    expect(response.status).toBe(200);
    expect(JSON.parse(body)).toEqual({ nodepools: ['pool-a'] });
    expect((await call('/v1/clusters/NOT-AN-ID/nodepools')).response.status).toBe(400);
  });

  it("is answered from its schema's example, as application/yaml for text under */*", async () => {
    const { response, body } = await call(`/v1/clusters/${demo.id}/logs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml');
    expect(body).toBe('line 1\nline 2\n');
  });

  it('is forbidden to a key without its action, like any operation', async () => {
    const { response, body } = await call(`/v1/clusters/${demo.id}/logs`, { credentials: key2 });
    expect(response.status).toBe(403);
    expect(firstError(body).detail).toEqual(['This access key may not use ske:ShowClusterLogs.']);
  });

  it('takes faults by its operationId', async () => {
    emulator.setFaults({ ['listKubernetesVersions' as RouteName]: { statuses: [503] } });
    expect((await call('/v1/kubernetes-versions')).response.status).toBe(503);
    expect((await call('/v1/kubernetes-versions')).response.status).toBe(200);
  });

  it('answers 501 NotImplemented naming the operation when there is no example either', async () => {
    const { response, body } = await call(`/v1/clusters/${demo.id}/upgrades`);
    expect(response.status).toBe(501);
    expect(firstError(body)).toMatchObject({
      code: 'NotImplemented',
      status: 501,
      detail: [expect.stringContaining('listClusterUpgrades')],
    });
  });
});

describe('a 200 answer that does not match its schema', () => {
  it('is a 500 EmulatorError naming the operation, for an example', async () => {
    const { response, body } = await call('/v1/broken-example');
    expect(response.status).toBe(500);
    expect(firstError(body)).toMatchObject({
      code: 'EmulatorError',
      detail: [expect.stringMatching(/^showBrokenExample: .*\/kubernetes_versions\/0\/version must be string/)],
    });
  });

  it("is a 500 EmulatorError naming the operation, for a handler's answer from a broken fixture", async () => {
    const broken = await startEmulator({ clusters: [{ ...demo, status: 42 as unknown as string }] });
    try {
      const callBroken = signedCaller(() => broken);
      for (const [path, operationId, at] of [
        [`/v1/clusters/${demo.id}`, 'showCluster', '/cluster/status'],
        ['/v1/clusters', 'listClusters', '/clusters/0/status'],
      ] as const) {
        const { response, body } = await callBroken(path);
        expect(response.status).toBe(500);
        expect(firstError(body)).toMatchObject({
          code: 'EmulatorError',
          detail: [`${operationId}: the answer does not match the spec's 200 response (${at} must be string).`],
        });
      }
      const kubeconfig = await callBroken(`/v1/clusters/${demo.id}/user-kubeconfig?kubeconfig_type=private`);
      expect(kubeconfig.response.status).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it('is a 500 EmulatorError naming the operation when its handler throws, without request data', async () => {
    const broken = await startEmulator({ clusters: [{ ...demo, accessKeys: null as unknown as string[] }] });
    try {
      const { response, body } = await signedCaller(() => broken)(`/v1/clusters/${demo.id}`);
      expect(response.status).toBe(500);
      expect(firstError(body)).toMatchObject({
        code: 'EmulatorError',
        detail: ['showCluster: the handler failed (TypeError).'],
      });
    } finally {
      await broken.close();
    }
  });
});
