import type { OperationTable, ParameterSpec } from '@scp-ske/client';
import { OPERATIONS } from '@scp-ske/client-1.3';
import { loadDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import {
  bodyWithoutRequired,
  type CompatOperation,
  catalogOf,
  exampleInput,
  malformedArgument,
  rawParams,
  unknownResource,
} from './operations.js';

const document = await loadDocument('1.3', 'dereferenced');
const catalog = catalogOf(OPERATIONS, document);

interface Described {
  operationId: string;
  summary: string;
  requestBody?: { content: Record<string, { schema: unknown; example: unknown }> };
  responses: Record<string, unknown>;
  'x-scp-action-id': string;
  'x-scp-provenance': unknown;
  'x-scp-state-change'?: unknown;
}

/** Every operation of the document, as (method, path, operation object). */
const documented = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Described })),
);

const operation = (parameters: Partial<ParameterSpec & { sample: unknown }>[]): CompatOperation => ({
  id: 'synthetic',
  title: 'Synthetic',
  method: 'GET',
  path: '/v1/synthetic/{thing_id}',
  parameters: parameters.map((parameter) => ({ key: 'x', name: 'x', in: 'query', schema: {}, ...parameter })),
  success: { status: 200, contentType: 'application/json' },
  statuses: ['200', '404'],
  inClient: true,
});

describe('the operation catalog', () => {
  it("describes every operation of the document, joined with the generated client's table", () => {
    expect(catalog.map((one) => one.id)).toEqual(documented.map(({ operation }) => operation.operationId));
    expect(catalog.map((one) => one.id)).toEqual(Object.keys(OPERATIONS));
    for (const [index, { path, method, operation: described }] of documented.entries()) {
      const one = catalog[index] as CompatOperation;
      expect(one).toMatchObject({
        method: method.toUpperCase(),
        path,
        title: described.summary,
        actionId: described['x-scp-action-id'],
        provenance: described['x-scp-provenance'],
        inClient: true,
      });
      expect(one.statuses).toEqual(Object.keys(described.responses));
    }
  });

  it("takes every required argument from the spec's examples, and the request body's", () => {
    for (const one of catalog) {
      const { input, missing } = exampleInput(one);
      expect(missing).toBeUndefined();
      const required = one.parameters.filter((parameter) => parameter.required);
      expect(Object.keys(input ?? {})).toEqual([
        ...required.map((parameter) => parameter.key),
        ...(one.body ? ['body'] : []),
      ]);
    }
    const userKubeconfig = catalog.find((one) => one.convenience === 'getUserKubeconfig') as CompatOperation;
    const input = exampleInput(userKubeconfig).input as Record<string, unknown>;
    // The spec's example cluster is the emulator's demo cluster.
    expect(input).toEqual({ clusterId: '70a599e031e749b7b260868f441e862b', kubeconfigType: 'private' });
    expect(rawParams(userKubeconfig, input)).toEqual({
      path: { cluster_id: '70a599e031e749b7b260868f441e862b' },
      query: { kubeconfig_type: 'private' },
      header: {},
    });
  });

  it("describes each request body with the generated table's media type and the version's schema and example", () => {
    for (const [index, { operation: described }] of documented.entries()) {
      const one = catalog[index] as CompatOperation;
      const media = described.requestBody?.content['application/json'];
      expect(one.body, one.id).toEqual(
        media && {
          contentType: 'application/json',
          required: (OPERATIONS as OperationTable)[one.id]?.body?.required === true,
          schema: media.schema,
          sample: media.example,
        },
      );
      expect(one.stateChange).toEqual(described['x-scp-state-change']);
    }
    const createCluster = catalog.find((one) => one.id === 'createCluster') as CompatOperation;
    const { input } = exampleInput(createCluster);
    expect(input?.body).toMatchObject({ name: 'sample-cluster', service_watch_logging_enabled: false });
    // A copy: a scenario may change it.
    expect(input?.body).not.toBe(createCluster.body?.sample);
    expect(createCluster).toMatchObject({
      stateChange: { resource: 'cluster', kind: 'create', during: 'CREATING', settles: 'RUNNING' },
      success: { status: 202 },
    });
    expect(catalog.find((one) => one.id === 'showCluster')).toMatchObject({ resource: 'cluster' });
    expect(catalog.find((one) => one.id === 'listNodepools')).toMatchObject({ items: 'nodepools' });
  });

  it("takes ske 1.0's own body example, without what later versions add", async () => {
    const older = catalogOf(OPERATIONS, await loadDocument('1.0', 'dereferenced'));
    const createCluster = older.find((one) => one.id === 'createCluster') as CompatOperation;
    expect(createCluster.body?.sample).not.toHaveProperty('service_watch_logging_enabled');
    expect(older.some((one) => one.id === 'setClusterServiceWatchLogging')).toBe(false);
  });

  it('derives a body its schema refuses: the example without its first required field', () => {
    const createCluster = catalog.find((one) => one.id === 'createCluster') as CompatOperation;
    const invalid = bodyWithoutRequired(createCluster);
    expect(invalid?.field).toBe('name');
    expect(invalid?.body).not.toHaveProperty('name');
    expect(invalid?.body).toHaveProperty('kubernetes_version', 'v1.29.8');
    // All of NodepoolUpdateRequest's fields are optional.
    expect(bodyWithoutRequired(catalog.find((one) => one.id === 'setNodepool') as CompatOperation)).toBeUndefined();
    expect(bodyWithoutRequired(catalog.find((one) => one.id === 'showCluster') as CompatOperation)).toBeUndefined();
  });

  it('marks an operation the generated client lacks', () => {
    const { showCluster: _left, ...older } = OPERATIONS;
    const described = catalogOf(older, document).find((one) => one.id === 'showCluster');
    expect(described).toMatchObject({ inClient: false, path: '/v1/clusters/{cluster_id}', method: 'GET' });
  });
});

describe('a malformed argument', () => {
  it('breaks the first checkable constraint, required parameters first, with a value of an allowed type', () => {
    expect(malformedArgument(catalog.find((one) => one.id === 'showCluster') as CompatOperation)).toMatchObject({
      parameter: { key: 'clusterId' },
      value: 'Not-Valid!',
      breaks: 'its pattern ^[0-9a-f]{32}$',
    });
    expect(malformedArgument(catalog.find((one) => one.id === 'listClusters') as CompatOperation)).toMatchObject({
      parameter: { key: 'size' },
      value: -1,
    });
  });

  it.each([
    [{ type: 'string', enum: ['private', 'public'] }, 'not-private-or-public'],
    [{ type: 'integer', enum: [1, 2] }, 3],
    [{ type: 'integer', maximum: 100 }, 101],
    [{ type: 'number', exclusiveMinimum: 0 }, 0],
    [{ type: 'string', minLength: 3 }, 'aa'],
    [{ type: 'string', maxLength: 2 }, 'aaa'],
    [{ type: 'array', items: { type: 'string' }, minItems: 1 }, []],
    [{ type: 'string', const: 'only' }, 'not-only'],
  ] as const)('for %j: %j', (schema, value) => {
    expect(malformedArgument(operation([{ schema }]))?.value).toEqual(value);
  });

  it('is undefined when no parameter has a constraint to break', () => {
    const free = operation([
      { schema: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      { schema: { type: 'string' } },
    ]);
    expect(malformedArgument(free)).toBeUndefined();
    expect(malformedArgument(operation([]))).toBeUndefined();
  });
});

describe('an unknown resource', () => {
  const clusterId = { key: 'clusterId', name: 'cluster_id', in: 'path', required: true } as const;

  it('is a well-formed value no fixture uses, derived from the example', () => {
    const one = operation([
      {
        ...clusterId,
        schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        sample: '70a599e031e749b7b260868f441e862b',
      },
    ]);
    expect(unknownResource(one)).toEqual({ values: { clusterId: '00000000000000000000000000000404' } });
    expect(unknownResource(one, ['00000000000000000000000000000404'])).toEqual({
      values: { clusterId: '00000000000000000000000000000000' },
    });
  });

  it('is undefined without a path parameter, and says which parameter has no such value', () => {
    expect(unknownResource(operation([{ schema: { type: 'integer' } }]))).toBeUndefined();
    const fixed = operation([{ ...clusterId, schema: { type: 'string', enum: ['only'] }, sample: 'only' }]);
    expect(unknownResource(fixed)).toEqual({ missing: 'cluster_id' });
  });
});
