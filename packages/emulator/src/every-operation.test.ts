/**
 * Every operation of every version, in one scenario per version over a fresh store: each answer has
 * the status the version declares and conforms to its schema strictly (exactly the version's fields:
 * a ske 1.0 answer never carries `service_watch_logging_enabled`, `server_group_id`,
 * `advanced_settings` or `linked_resources`), with timestamps in `T` form.
 */
import { loadDocument, type SkeVersion } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { clusterBody, nodepoolBody, startOnTestClock } from './testing/bodies.js';
import { conformanceProblems } from './testing/conformance.js';
import { signedCaller } from './testing/signed-call.js';

const NEWER_FIELDS = ['service_watch_logging_enabled', 'server_group_id', 'advanced_settings', 'linked_resources'];
const TIMESTAMP = /"(created_at|modified_at)":"([^"]*)"/g;

interface Step {
  operationId: string;
  method: string;
  template: string;
  path: string;
  body?: unknown;
  /** Move the clock past the change first. */
  settle?: boolean;
}

describe.each(['1.0', '1.1', '1.2', '1.3'] as SkeVersion[])('ske %s', (version) => {
  it('answers every operation of the version as its document declares, with its fields only', async () => {
    const document = await loadDocument(version, 'dereferenced');
    const declared = new Map<string, { status: number; template: string; method: string }>();
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as [string, Record<string, unknown>][]) {
        const status = Object.keys(operation.responses as object).find((code) => code.startsWith('2'));
        declared.set(operation.operationId as string, {
          status: Number(status),
          template,
          method: method.toUpperCase(),
        });
      }
    }
    const { emulator, advance } = await startOnTestClock();
    const call = signedCaller(() => emulator);
    const apiVersion = `ske ${version}`;
    const seen = new Set<string>();
    try {
      const run = async (step: Step) => {
        if (!declared.has(step.operationId)) return undefined;
        if (step.settle) advance(1000);
        const { response, body } = await call(step.path, { method: step.method, body: step.body, version: apiVersion });
        const expected = declared.get(step.operationId) as { status: number };
        expect(response.status, `${step.operationId}: ${body}`).toBe(expected.status);
        const type = response.headers.get('content-type') ?? '';
        expect(await conformanceProblems(version, response.status, type, body, step.template, step.method)).toEqual([]);
        if (version === '1.0') for (const field of NEWER_FIELDS) expect(body).not.toContain(`"${field}"`);
        for (const [, , value] of body.matchAll(TIMESTAMP)) expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        seen.add(step.operationId);
        return type === 'application/json' ? JSON.parse(body) : body;
      };
      const cluster = (id: string, tail = '') => `/v1/clusters/${id}${tail}`;
      await run({ operationId: 'listClusters', method: 'GET', template: '/v1/clusters', path: '/v1/clusters' });
      await run({
        operationId: 'listKubernetesVersions',
        method: 'GET',
        template: '/v1/kubernetes-versions',
        path: '/v1/kubernetes-versions',
      });
      const created = await run({
        operationId: 'createCluster',
        method: 'POST',
        template: '/v1/clusters',
        path: '/v1/clusters',
        body: clusterBody(apiVersion),
      });
      const id = created.resource_id as string;
      const t = (tail: string) => `/v1/clusters/{cluster_id}${tail}`;
      await run({ operationId: 'showCluster', method: 'GET', template: t(''), path: cluster(id) });
      const changes: [string, string, unknown][] = [
        ['setClusterLogging', '/logging', { cloud_logging_enabled: true }],
        [
          'setClusterPrivateAccessControl',
          '/private-access-control',
          { private_endpoint_access_control_resources: [{ id: 'vm-1', name: 'b', type: 'vm' }] },
        ],
        [
          'setClusterPublicAccessControl',
          '/public-access-control',
          { public_endpoint_access_control_ip: '203.0.113.0/24' },
        ],
        [
          'setClusterSecurityGroups',
          '/security-groups',
          { security_group_id_list: ['9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d'] },
        ],
        ['setClusterServiceWatchLogging', '/service-watch-logging', { service_watch_logging_enabled: false }],
        ['setClusterUpgrade', '/upgrade', { kubernetes_version: 'v1.31.1' }],
      ];
      for (const [operationId, tail, body] of changes) {
        await run({ operationId, method: 'PUT', template: t(tail), path: cluster(id, tail), body, settle: true });
      }
      await run({ operationId: 'showCluster', method: 'GET', template: t(''), path: cluster(id), settle: true });
      const query = '?kubeconfig_type=private';
      await run({
        operationId: 'createClusterKubeconfig',
        method: 'GET',
        template: t('/kubeconfig'),
        path: cluster(id, `/kubeconfig${query}`),
      });
      await run({
        operationId: 'showClusterUserKubeconfig',
        method: 'GET',
        template: t('/user-kubeconfig'),
        path: cluster(id, `/user-kubeconfig${query}`),
      });
      const pool = await run({
        operationId: 'createNodepool',
        method: 'POST',
        template: '/v1/nodepools',
        path: '/v1/nodepools',
        body: nodepoolBody(id),
      });
      const poolId = pool.nodepool.id as string;
      const n = (tail: string) => `/v1/nodepools/{nodepool_id}${tail}`;
      const nodepool = (tail = '') => `/v1/nodepools/${poolId}${tail}`;
      await run({
        operationId: 'listNodepools',
        method: 'GET',
        template: t('/nodepools'),
        path: cluster(id, '/nodepools'),
        settle: true,
      });
      await run({ operationId: 'showNodepool', method: 'GET', template: n(''), path: nodepool() });
      await run({ operationId: 'listNodepoolNodes', method: 'GET', template: n('/nodes'), path: nodepool('/nodes') });
      await run({
        operationId: 'setNodepool',
        method: 'PUT',
        template: n(''),
        path: nodepool(),
        body: { desired_node_count: 3 },
      });
      await run({
        operationId: 'setNodepoolLabels',
        method: 'PUT',
        template: n('/labels'),
        path: nodepool('/labels'),
        body: { labels: [{ key: 'team', value: 'a' }] },
        settle: true,
      });
      await run({
        operationId: 'setNodepoolTaints',
        method: 'PUT',
        template: n('/taints'),
        path: nodepool('/taints'),
        body: { taints: [{ key: 'gpu', effect: 'NoSchedule' }] },
      });
      await run({
        operationId: 'setNodepoolUpgrade',
        method: 'PUT',
        template: n('/upgrade'),
        path: nodepool('/upgrade'),
      });
      await run({ operationId: 'showNodepool', method: 'GET', template: n(''), path: nodepool(), settle: true });
      await run({ operationId: 'deleteNodepool', method: 'DELETE', template: n(''), path: nodepool() });
      await run({ operationId: 'deleteCluster', method: 'DELETE', template: t(''), path: cluster(id) });
      // The seeded demo cluster, too (its fixture timestamps were written with a space).
      await run({
        operationId: 'showCluster',
        method: 'GET',
        template: t(''),
        path: cluster('70a599e031e749b7b260868f441e862b'),
      });
      await run({
        operationId: 'showNodepool',
        method: 'GET',
        template: n(''),
        path: '/v1/nodepools/bdfda539-bd2e-4a5c-9021-ec6d52d1ca79',
      });
      expect([...seen].sort()).toEqual([...declared.keys()].sort());
    } finally {
      await emulator.close();
    }
  });
});

describe.each(['1.0', '1.1', '1.2', '1.3'] as SkeVersion[])('the examples of ske %s', (version) => {
  it("are accepted: each operation called with its parameters' and its body's examples succeeds", async () => {
    const document = await loadDocument(version, 'dereferenced');
    type Parameter = { name: string; in: string; example?: unknown; schema?: { example?: unknown } };
    type Operation = {
      operationId: string;
      parameters?: Parameter[];
      requestBody?: { content: Record<string, { example?: unknown }> };
      responses: Record<string, unknown>;
    };
    const calls: { operation: Operation; method: string; path: string }[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
        let path = template;
        const query = new URLSearchParams();
        for (const parameter of operation.parameters ?? []) {
          const example = parameter.example ?? parameter.schema?.example;
          if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, String(example));
          if (parameter.in === 'query' && parameter.name === 'kubeconfig_type')
            query.set(parameter.name, String(example));
        }
        calls.push({ operation, method: method.toUpperCase(), path: `${path}${query.size > 0 ? `?${query}` : ''}` });
      }
    }
    // The deletions last, the nodepool's before its cluster's.
    const rank = (id: string) => (id === 'deleteCluster' ? 2 : id === 'deleteNodepool' ? 1 : 0);
    calls.sort((a, b) => rank(a.operation.operationId) - rank(b.operation.operationId));
    const { emulator, advance } = await startOnTestClock();
    const call = signedCaller(() => emulator);
    try {
      for (const { operation, method, path } of calls) {
        advance(1000);
        const body = operation.requestBody?.content['application/json']?.example;
        const { response, body: text } = await call(path, { method, body, version: `ske ${version}` });
        const status = Number(Object.keys(operation.responses).find((code) => code.startsWith('2')));
        expect(response.status, `${operation.operationId}: ${text}`).toBe(status);
        if (body !== undefined) expect(emulator.requests.at(-1)?.body).toEqual(body);
      }
    } finally {
      await emulator.close();
    }
  });
});
