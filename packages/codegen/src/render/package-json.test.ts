import { describe, expect, it } from 'vitest';
import { currentClient, model } from '../test-documents.js';
import { renderPackageJson } from './package-json.mjs';

const manifest = JSON.parse(renderPackageJson(currentClient, model, { packageVersion: '0.4.2' }));

describe('renderPackageJson', () => {
  it("is the version's package, at the version it is given, on the runtime", () => {
    expect(manifest).toMatchObject({
      name: '@scp-ske/client-2.1',
      version: '0.4.2',
      description: expect.stringContaining('ske 2.1 (CURRENT)'),
      dependencies: { '@scp-ske/client': 'workspace:^' },
    });
  });

  it('records the service and API version it speaks, and no digest of the document', () => {
    expect(manifest.scp).toEqual({ service: 'ske', apiVersion: '2.1' });
  });

  it('exports the client and `./raw`, and has no tests of its own (tools/client-tests has them)', () => {
    expect(Object.keys(manifest.exports)).toEqual(['.', './raw', './package.json']);
    expect(Object.keys(manifest.scripts)).toEqual(['lint', 'build', 'typecheck', 'api-report']);
    expect(manifest.devDependencies).not.toHaveProperty('vitest');
  });
});
