import { describe, expect, it } from 'vitest';
import { currentClient, deprecatedClient } from '../test-documents.js';
import { renderContract } from './contract-ts.mjs';
import { renderIndex } from './index-ts.mjs';
import { renderRaw } from './raw-ts.mjs';

describe('renderIndex', () => {
  const source = renderIndex(deprecatedClient);

  it('creates the version client from its contract and operation table, and names its version header', () => {
    expect(source).toContain("export const API_VERSION = 'ske 2.0';");
    expect(source).toContain('return createVersionedClient<SkeClient>(contract, OPERATIONS, options);');
    expect(source).toContain(
      '@scp-ske/client-2.0: typed client for the SKE API ske 2.0 (DEPRECATED, Not Before 2030-01-31).',
    );
  });

  it("re-exports the runtime's errors and the spec's types", () => {
    expect(source).toMatch(/export \{\n(.*\n)* {2}SkeInputError,\n(.*\n)*\} from '@scp-ske\/client';/);
    expect(source).toContain("export type { components, operations, paths } from './generated/openapi.js';");
  });

  it('leaves the Not Before date out for a version without one', () => {
    expect(renderIndex(currentClient)).toContain('ske 2.1 (CURRENT).');
  });
});

describe('renderRaw', () => {
  it("creates the version's openapi-fetch client, typed with its paths", () => {
    const source = renderRaw(currentClient);
    expect(source).toContain('export type RawClient = BaseRawClient<paths>;');
    expect(source).toContain('/** The openapi-fetch client of ske 2.1. */');
  });
});

describe('renderContract', () => {
  it('embeds the contract as a typed constant', () => {
    const source = renderContract(currentClient);
    const literal = /export const contract = (\{[\s\S]*\}) as const satisfies VersionContract;/.exec(source)?.[1];
    expect(JSON.parse(literal ?? 'null')).toEqual(currentClient.contract);
  });
});
