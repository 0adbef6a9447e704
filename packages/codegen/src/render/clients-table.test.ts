import { describe, expect, it } from 'vitest';
import { model } from '../test-documents.js';
import { renderClientsTable } from './clients-table.mjs';

describe('renderClientsTable', () => {
  const table = renderClientsTable(model, { raw: true });

  it('imports every version, and lists each in every table, by version', () => {
    expect(table).toContain(
      "import { createSkeClient as create_2_0, OPERATIONS as operations_2_0, type paths as Paths_2_0 } from '@scp-ske/client-2.0';",
    );
    expect(table).toContain("import { createRawClient as createRaw_2_1 } from '@scp-ske/client-2.1/raw';");
    for (const name of ['clientFactories', 'operationTables', 'rawClientFactories']) {
      expect(table).toMatch(
        new RegExp(`export const ${name} = \\{\\n {2}'2\\.0': \\w+_2_0,\\n {2}'2\\.1': \\w+_2_1,\\n\\} as const;`),
      );
    }
    expect(table).toContain("export interface PathsByVersion {\n  '2.0': Paths_2_0;\n  '2.1': Paths_2_1;\n}");
  });

  it('leaves the openapi-fetch clients out for a consumer that does not ask for them', () => {
    const table = renderClientsTable(model, { raw: false });
    expect(table).not.toContain('/raw');
    expect(table).not.toContain('rawClientFactories');
    expect(table.match(/^import /gm)).toHaveLength(2);
  });
});

describe('renderClientsTable, lazy', () => {
  const table = renderClientsTable(model, { raw: false, lazy: true });

  it('imports only types, and loads each version with import() from a loader of its own', () => {
    expect(table.match(/^import /gm)).toHaveLength(2);
    expect(table).toContain("import type * as Client_2_0 from '@scp-ske/client-2.0';");
    expect(table).toContain("  '2.1': (): Promise<typeof Client_2_1> => import('@scp-ske/client-2.1'),");
    expect(table).not.toMatch(/clientFactories|operationTables/);
  });

  it('lists the versions in order, and their paths types', () => {
    expect(table).toContain("export const clientVersions = ['2.0', '2.1'] as const;");
    expect(table).toContain(
      "export interface PathsByVersion {\n  '2.0': Client_2_0.paths;\n  '2.1': Client_2_1.paths;\n}",
    );
  });

  it('refuses a lazy table with the openapi-fetch clients', () => {
    expect(() => renderClientsTable(model, { raw: true, lazy: true })).toThrow(/raw/);
  });
});
