/**
 * An operation added to the spec reaches the compatibility report with no hand-written change: a
 * copy of the documents with a fifth operation (served by the emulator from its 200 example), and
 * the operation table and clients the generator would write for it, run through the unchanged app.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createVersionedClient,
  type OperationTable,
  type SkeClientOptions,
  type VersionContract,
} from '@scp-ske/client';
import { contract as contract_1_2, OPERATIONS as operations_1_2 } from '@scp-ske/client-1.2';
import { contract as contract_1_3, OPERATIONS as operations_1_3 } from '@scp-ske/client-1.3';
import { loadDocument, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import type { ClientFactory } from './scenarios.js';

/** `GET /v1/server-types` (not in the spec), described like listClusters: a bounded query parameter, a JSON 200 with an example. */
function withFifthOperation(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  const listClusters = (copy.paths['/v1/clusters'] as { get: Record<string, unknown> & { parameters: object[] } }).get;
  const responses = listClusters.responses as Record<string, unknown>;
  // Not a page of clusters: the emulator answers it with its example.
  const { 'x-scp-pagination': _clusters, ...described } = listClusters;
  copy.paths['/v1/server-types'] = {
    get: {
      ...described,
      operationId: 'listServerTypes',
      summary: 'List Server Types',
      'x-scp-action-id': 'ske:ListServerTypes',
      parameters: listClusters.parameters.filter((parameter) =>
        ['size', 'Scp-Api-Version', 'Accept-Language'].includes((parameter as { name: string }).name),
      ),
      responses: {
        ...responses,
        200: {
          description: 'OK.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['server_types'],
                properties: { server_types: { type: 'array', items: { type: 'string' } } },
              },
              example: { server_types: ['s1v1m2', 's1v2m4'] },
            },
          },
        },
      },
    },
  };
  return copy;
}

/** The operation table the generator would write: listClusters' row with its path and only `size`. */
function withFifthRow(table: OperationTable): OperationTable {
  const { listClusters } = table as { listClusters: OperationTable[string] };
  return {
    ...table,
    listServerTypes: {
      ...listClusters,
      path: '/v1/server-types',
      parameters: listClusters.parameters.filter((parameter) => parameter.name === 'size'),
    },
  };
}

describe('an operation added to the spec', () => {
  it('gets every generic scenario in the report, with no regression', async () => {
    const documents = {
      '1.2': withFifthOperation(await loadDocument('1.2', 'dereferenced')),
      '1.3': withFifthOperation(await loadDocument('1.3', 'dereferenced')),
    };
    const operationTables = { '1.2': withFifthRow(operations_1_2), '1.3': withFifthRow(operations_1_3) };
    const factory =
      (contract: VersionContract, table: OperationTable): ClientFactory =>
      (options?: SkeClientOptions) =>
        createVersionedClient(contract, table, options);
    const clientFactories = {
      '1.2': factory(contract_1_2, operationTables['1.2']),
      '1.3': factory(contract_1_3, operationTables['1.3']),
    };
    const dir = mkdtempSync(join(tmpdir(), 'compat-fifth-'));
    const written: string[] = [];
    const io = { stdout: (text: string) => written.push(text), stderr: (text: string) => written.push(text) };
    const code = await main(
      ['--at', '2026-11-29', '--versions', '1.2,1.3', '--reports', dir],
      { documents, operationTables, clientFactories },
      io,
    );
    const out = written.join('');
    expect(code, out).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
    expect(report.operations.map((operation: { id: string }) => operation.id)).toContain('listServerTypes');
    const rows = Object.fromEntries(
      report.scenarios
        .filter((row: { operation?: string }) => row.operation === 'listServerTypes')
        .map((row: { id: string; cells: Record<string, unknown> }) => [row.id.split('/')[1], row.cells['1.2']]),
    );
    expect(rows).toEqual({
      example: { mark: 'same', outcome: { kind: 'data', status: 200, summary: '{server_types[2]}' } },
      'unknown-resource': {
        mark: 'n/a',
        reason: 'not applicable: listServerTypes has no path parameter to name an unknown resource',
      },
      'malformed-argument': { mark: 'same', outcome: { kind: 'refused', reason: 'input', detail: 'size' } },
      'wrong-secret': { mark: 'same', outcome: { kind: 'api-error', status: 401, code: 'SignatureMismatch' } },
      'no-version-header': {
        mark: 'same',
        outcome: { kind: 'data', status: 200, summary: '{server_types[2]}', answeredAs: 'ske 1.3' },
      },
      // Demo key 2's actions do not include ske:ListServerTypes.
      'action-not-granted': { mark: 'same', outcome: { kind: 'api-error', status: 403, code: 'Forbidden' } },
    });
    expect(out).toMatch(/listServerTypes: GET \/v1\/server-types · IAM ske:ListServerTypes/);
  });
});
