import { loadDocument } from '@scp-ske/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchemaCompiler } from './ajv.js';
import { compileParameter, type Parameters, readParameters } from './parameters.js';
import { compileRoutes, type Route } from './routes.js';

let routes: Route[];
beforeAll(async () => {
  routes = compileRoutes(await loadDocument('1.3', 'dereferenced'), createSchemaCompiler());
});

const routeOf = (operationId: string) => routes.find((route) => route.operationId === operationId) as Route;
const read = (operationId: string, query: string, path: Record<string, string> = {}) =>
  readParameters(routeOf(operationId).parameters, { path, query: new URLSearchParams(query), header: () => undefined });

describe('readParameters', () => {
  it('decodes by schema: integers, one value or repeated keys where an array is accepted', () => {
    expect(
      read('listClusters', 'size=20&page=0&status=RUNNING&kubernetes_version=v1.29.8&kubernetes_version=v1.30.4'),
    ).toEqual({
      path: {},
      query: { size: 20, page: 0, status: 'RUNNING', kubernetes_version: ['v1.29.8', 'v1.30.4'] },
    });
    expect(read('listClusters', 'status=RUNNING&status=CREATING')).toMatchObject({
      query: { status: ['RUNNING', 'CREATING'] },
    });
    expect(read('listClusters', '')).toEqual({ path: {}, query: {} });
  });

  it('keeps the first of a repeated key whose schema takes one value', () => {
    const id = '70a599e031e749b7b260868f441e862b';
    const values = read('showClusterUserKubeconfig', 'kubeconfig_type=private&kubeconfig_type=public', {
      cluster_id: id,
    });
    expect((values as Parameters).query).toEqual({ kubeconfig_type: 'private' });
  });

  it('names every bad parameter at once', () => {
    expect(read('listClusters', 'size=-1&page=x&name=Bad_Name')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: [
        'size (query) must be >= 0.',
        'page (query) must be integer,null.',
        'name (query) must match ^[a-z0-9\\-]*$.',
      ],
    });
  });
});

describe('header parameters', () => {
  const compile = createSchemaCompiler();
  const required = compileParameter(
    { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', pattern: '^t-' } },
    compile,
  );
  const optional = compileParameter(
    { name: 'Accept-Language', in: 'header', schema: { type: 'string', enum: ['en-US', 'ko-KR'] } },
    compile,
  );
  const readHeaders = (headers: Record<string, string>) => {
    const asked: string[] = [];
    const answer = readParameters([required, optional], {
      path: {},
      query: new URLSearchParams(),
      header: (name) => {
        asked.push(name);
        return headers[name];
      },
    });
    return { answer, asked };
  };

  it('checks a required one, and neither reads nor enforces an optional one', () => {
    expect(readHeaders({ 'X-Tenant': 't-1', 'Accept-Language': '*' })).toEqual({
      answer: { path: {}, query: {} },
      asked: ['X-Tenant'],
    });
    expect(readHeaders({}).answer).toMatchObject({ detail: ['X-Tenant (header) is required.'] });
    expect(readHeaders({ 'X-Tenant': 'x' }).answer).toMatchObject({ detail: ['X-Tenant (header) must match ^t-.'] });
  });
});

describe('compileRoutes', () => {
  it("reads each operation's IAM action and 200 response from the spec", () => {
    expect(routes.map((route) => [route.operationId, route.actionId, route.response.contentType])).toEqual([
      ['listClusters', 'ske:ListClusters', 'application/json'],
      ['showCluster', 'ske:ShowCluster', 'application/json'],
      ['createClusterKubeconfig', 'ske:CreateClusterAdminKubeconfig', 'application/yaml'],
      ['showClusterUserKubeconfig', 'ske:ShowClusterUserKubeconfig', 'application/yaml'],
    ]);
  });
});
