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
      signal: undefined,
    });
  });
});
