import { manifest } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { clientFactories } from './generated/clients.js';
import { operationTables } from './operation-tables.js';

describe('the operation tables', () => {
  it('hold every version of the manifest, as the generated factories do', () => {
    const versions = manifest.versions.map((entry) => entry.version);
    expect(Object.keys(operationTables)).toEqual(versions);
    expect(Object.keys(operationTables)).toEqual(Object.keys(clientFactories));
  });
});
