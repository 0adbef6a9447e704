import { describe, expect, it } from 'vitest';
import { currentClient, model } from '../test-documents.js';
import { renderClientPackage } from './client-package.mjs';

describe('renderClientPackage', () => {
  it('is every file of the package, each from its renderer, and no test', async () => {
    const files = await renderClientPackage(currentClient, model, { packageVersion: '1.0.0', license: 'Apache-2.0\n' });
    expect(Object.keys(files).sort()).toEqual([
      'LICENSE',
      'README.md',
      'package.json',
      'src/generated/contract.ts',
      'src/generated/openapi.ts',
      'src/generated/operations.ts',
      'src/index.ts',
      'src/raw.ts',
      'tsconfig.json',
      'tsdown.config.ts',
    ]);
    expect(files.LICENSE).toBe('Apache-2.0\n');
    expect(JSON.parse(files['package.json'] ?? '{}').version).toBe('1.0.0');
  });
});
