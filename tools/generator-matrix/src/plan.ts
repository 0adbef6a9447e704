/**
 * The calls the matrix makes, read from a version's bundled document: every operation once (reads
 * first, then creates and changes, deletes last), its path parameters filled with the fixture's ids,
 * its required query parameters and its request body from the spec's examples; and one more
 * `listClusters` with a `status` filter of two values. Every generator's client makes the same calls.
 */
import type { Call } from '../adapters/types.js';

export type { Call };

/** The ids the fixture's clusters have (startEmulator's `clusters`). */
export interface FixtureIds {
  clusterId: string;
  nodepoolId: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { title?: string } }> }>;
}

type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'delete'] as const;
const ORDER: Record<Call['method'], number> = { get: 0, post: 1, put: 2, delete: 3 };

/** Deletes go last, and a cluster's after its nodepool's, so that every call finds what it names. */
const rank = (call: Call) =>
  ORDER[call.method] * 10 + (call.method === 'delete' && call.path.includes('{cluster_id}') ? 1 : 0);

/** Every operation of `document` as one call, in an order that leaves each call's resources in place. */
export function planCalls(document: Document, ids: FixtureIds): Call[] {
  const calls: Call[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const pathParams: Record<string, string> = {};
      const query: Record<string, unknown> = {};
      for (const parameter of parameters) {
        if (parameter.in === 'path') {
          pathParams[parameter.name] = parameter.name === 'nodepool_id' ? ids.nodepoolId : ids.clusterId;
        } else if (parameter.in === 'query' && parameter.required) {
          query[parameter.name] = parameter.example ?? parameter.schema?.example;
        }
      }
      const [status, response] = Object.entries(operation.responses).find(([code]) => /^2/.test(code)) ?? ['200', {}];
      calls.push({
        label: operation.operationId,
        operationId: operation.operationId,
        method,
        path,
        pathParams,
        query,
        hasQuery: parameters.some((parameter) => parameter.in === 'query'),
        body: operation.requestBody?.content['application/json']?.example,
        status: Number(status),
        mediaType: Object.keys(response.content ?? {})[0] ?? '',
        kubeconfig: Object.values(response.content ?? {}).some((media) => media.schema?.title === 'Kubeconfig'),
      });
    }
  }
  const list = calls.find((call) => call.operationId === 'listClusters');
  if (list) {
    calls.push({
      ...list,
      label: 'listClusters, status filter of two values',
      query: { status: ['RUNNING', 'ERROR'] },
    });
  }
  return calls.sort((a, b) => rank(a) - rank(b));
}
