import { loadDocument } from '@scp-ske/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchemaCompiler } from './ajv.js';
import { compileRoutes, findRoute, matchRoute, type Route } from './routes.js';

let routes: Route[];
beforeAll(async () => {
  routes = compileRoutes(await loadDocument('1.3', 'dereferenced'), createSchemaCompiler());
});
const ID = '70a599e031e749b7b260868f441e862b';

describe('matchRoute', () => {
  it('finds the operation by method and path, with its path parameters', () => {
    const matched = matchRoute(routes, 'GET', `/v1/clusters/${ID}/user-kubeconfig`);
    expect(matched?.route.operationId).toBe('showClusterUserKubeconfig');
    expect(matched?.params).toEqual({ cluster_id: ID });
    expect(matchRoute(routes, 'POST', `/v1/clusters/${ID}/user-kubeconfig`)).toBeUndefined();
    expect(matchRoute(routes, 'GET', `/v1/clusters/${ID}/nothing`)).toBeUndefined();
  });

  it('percent-decodes a path parameter, and keeps a malformed escape as sent', () => {
    expect(matchRoute(routes, 'GET', `/v1/clusters/%37%30${ID.slice(2)}`)?.params).toEqual({ cluster_id: ID });
    expect(matchRoute(routes, 'GET', '/v1/clusters/a%2Fb')?.params).toEqual({ cluster_id: 'a/b' });
    expect(matchRoute(routes, 'GET', '/v1/clusters/%zz')?.params).toEqual({ cluster_id: '%zz' });
  });
});

describe('findRoute', () => {
  it('finds the same route as matchRoute, a literal segment first', () => {
    for (const [method, path] of [
      ['GET', '/v1/clusters'],
      ['GET', `/v1/clusters/${ID}`],
      ['GET', `/v1/clusters/${ID}/kubeconfig`],
      ['GET', '/v1/clusters/%zz/user-kubeconfig'],
      ['DELETE', '/v1/clusters'],
      ['GET', '/v2/clusters'],
    ] as const) {
      expect(findRoute(routes, method, path)).toBe(matchRoute(routes, method, path)?.route);
    }
    expect(findRoute(routes, 'GET', '/v1/clusters')?.operationId).toBe('listClusters');
  });
});
