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
