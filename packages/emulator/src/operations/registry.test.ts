import { loadDocument, versions } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../ajv.js';
import { compileRoutes } from '../routes.js';
import { createHandlers, OPERATION_IDS } from './registry.js';
import type { OperationContext } from './types.js';

describe('OPERATION_IDS', () => {
  it('lists every operation of every version of the spec, once', async () => {
    const operationIds = new Set<string>();
    for (const version of versions) {
      const document = await loadDocument(version, 'dereferenced');
      for (const item of Object.values(document.paths)) {
        for (const operation of Object.values(item) as { operationId: string }[])
          operationIds.add(operation.operationId);
      }
    }
    expect([...OPERATION_IDS].sort()).toEqual([...operationIds].sort());
    expect(new Set(OPERATION_IDS).size).toBe(OPERATION_IDS.length);
  });
});

describe('createHandlers', () => {
  it('answers every operation of the newest version with a handler but listKubernetesVersions (its example)', async () => {
    const routes = compileRoutes(await loadDocument('1.3', 'dereferenced'), createSchemaCompiler());
    const handlerFor = createHandlers({ models: new Map() } as unknown as OperationContext);
    const without = routes.filter((route) => handlerFor(route) === undefined).map((route) => route.operationId);
    expect(without).toEqual(['listKubernetesVersions']);
    const kubeconfig = routes.find((route) => route.operationId === 'showClusterUserKubeconfig');
    expect(handlerFor(kubeconfig as never)).toBe(handlerFor(kubeconfig as never));
  });
});
