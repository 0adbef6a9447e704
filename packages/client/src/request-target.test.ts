/**
 * `requestTarget` on an operation with both kinds of argument: the input may be left out only when no
 * argument is required, and what is not an input object is refused naming the arguments it takes.
 */
import { describe, expect, it } from 'vitest';
import { SkeInputError } from './errors.js';
import type { OperationSpec } from './operation.js';
import { requestTarget } from './request-target.js';

const showNodePool: OperationSpec = {
  method: 'GET',
  path: '/v1/clusters/{cluster_id}/node-pools',
  parameters: [
    { key: 'clusterId', name: 'cluster_id', in: 'path', required: true, schema: { type: 'string' } },
    { key: 'size', name: 'size', in: 'query', schema: { type: 'integer' } },
  ],
  success: { status: 200, contentType: 'application/json' },
};

describe('requestTarget', () => {
  it.each([
    ['no input', undefined],
    ['null', null],
    ['an array', ['c-1']],
    ['a string', 'c-1'],
  ])('refuses %s when an argument is required, naming what it takes', (_name, input) => {
    const error = (() => {
      try {
        requestTarget(showNodePool, input);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SkeInputError);
    expect(error).toMatchObject({ argument: 'input', expected: 'an object { clusterId, size? }' });
  });

  it('builds the path and the query from an input object', () => {
    expect(requestTarget(showNodePool, { clusterId: 'c 1', size: 5 })).toEqual({
      pathAndQuery: '/v1/clusters/c%201/node-pools?size=5',
      headers: undefined,
      body: undefined,
      signal: undefined,
    });
  });
});

const operationWithBody = (required: boolean): OperationSpec => ({
  method: 'PUT',
  path: '/v1/nodepools/{nodepool_id}',
  parameters: [{ key: 'nodepoolId', name: 'nodepool_id', in: 'path', required: true, schema: { type: 'string' } }],
  body: { contentType: 'application/json', ...(required && { required }) },
  success: { status: 200, contentType: 'application/json' },
});

/** The error a call throws (or undefined). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('requestTarget with a request body', () => {
  it('sends the body as written, as JSON, with its media type', () => {
    const body = { desired_node_count: 3, labels: [{ key: 'a', value: 'é' }] };
    expect(requestTarget(operationWithBody(true), { nodepoolId: 'np-1', body })).toEqual({
      pathAndQuery: '/v1/nodepools/np-1',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: undefined,
    });
  });

  it('refuses a required body left out, naming it, before anything is sent', () => {
    expect(thrown(() => requestTarget(operationWithBody(true), { nodepoolId: 'np-1' }))).toMatchObject({
      argument: 'body',
      expected: 'an object, the application/json request body (required)',
    });
  });

  it.each([
    ['an array', [1]],
    ['a string', '{"a":1}'],
    ['null', null],
  ])('refuses a body that is %s', (_name, body) => {
    const error = thrown(() => requestTarget(operationWithBody(false), { nodepoolId: 'np-1', body }));
    expect(error).toBeInstanceOf(SkeInputError);
    expect(error).toMatchObject({ argument: 'body', expected: 'an object, the application/json request body' });
  });

  it('sends no body and no media type when an optional body is left out', () => {
    expect(requestTarget(operationWithBody(false), { nodepoolId: 'np-1' })).toMatchObject({
      headers: undefined,
      body: undefined,
    });
  });

  it('names body among the arguments, and refuses it where the operation takes none', () => {
    expect(thrown(() => requestTarget(operationWithBody(true), 'np-1'))).toMatchObject({
      argument: 'input',
      expected: 'an object { nodepoolId, body }',
    });
    expect(thrown(() => requestTarget(operationWithBody(false), 7))).toMatchObject({
      expected: 'an object { nodepoolId, body? }',
    });
    expect(thrown(() => requestTarget(showNodePool, { clusterId: 'c-1', body: {} }))).toMatchObject({
      argument: 'body',
    });
  });

  it('still refuses an unknown argument beside a body', () => {
    expect(
      thrown(() => requestTarget(operationWithBody(true), { nodepoolId: 'np-1', body: {}, labels: [] })),
    ).toMatchObject({ argument: 'labels' });
  });

  it('needs an input when only the body is required', () => {
    const bodyOnly: OperationSpec = { ...operationWithBody(true), path: '/v1/nodepools', parameters: [] };
    expect(thrown(() => requestTarget(bodyOnly, undefined))).toMatchObject({ argument: 'input' });
    expect(requestTarget(bodyOnly, { body: { name: 'np' } }).body).toBe('{"name":"np"}');
  });
});

describe('requestTarget with an array-typed query parameter (form, explode)', () => {
  const listClusters: OperationSpec = {
    method: 'GET',
    path: '/v1/clusters',
    parameters: [{ key: 'status', name: 'status', in: 'query', schema: { type: 'array', items: { type: 'string' } } }],
    success: { status: 200, contentType: 'application/json' },
  };

  it.each([
    ['two values', ['RUNNING', 'ERROR'], '/v1/clusters?status=RUNNING&status=ERROR'],
    ['an array of one', ['RUNNING'], '/v1/clusters?status=RUNNING'],
    ['one value, as an array of one', 'RUNNING', '/v1/clusters?status=RUNNING'],
    ['no value', [], '/v1/clusters'],
  ])('sends %s as repeated keys', (_name, status, pathAndQuery) => {
    expect(requestTarget(listClusters, { status }).pathAndQuery).toBe(pathAndQuery);
  });

  it('sends nothing for an array parameter left out, and takes one value where the type lists array among others', () => {
    expect(requestTarget(listClusters, {}).pathAndQuery).toBe('/v1/clusters');
    const nullable: OperationSpec = {
      ...listClusters,
      parameters: [
        { key: 'status', name: 'status', in: 'query', schema: { type: ['array', 'null'], items: { type: 'string' } } },
      ],
    };
    expect(requestTarget(nullable, { status: 'RUNNING' }).pathAndQuery).toBe('/v1/clusters?status=RUNNING');
    expect(requestTarget(nullable, { status: null }).pathAndQuery).toBe('/v1/clusters');
  });

  it('still checks the items of one value given alone', () => {
    expect(thrown(() => requestTarget(listClusters, { status: 3 }))).toMatchObject({
      argument: 'status',
      expected: 'an array of (a string)',
    });
  });
});
