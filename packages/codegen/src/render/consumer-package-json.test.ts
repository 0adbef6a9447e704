import { describe, expect, it } from 'vitest';
import { model } from '../test-documents.js';
import { renderConsumerPackageJson } from './consumer-package-json.mjs';

describe('renderConsumerPackageJson', () => {
  it('depends on every version and no other, sorted, leaving the rest of the manifest as it was', () => {
    const before = {
      name: '@scp-ske/compat',
      scripts: { test: 'vitest run' },
      dependencies: { yaml: 'catalog:', '@scp-ske/client-1.9': 'workspace:*', '@scp-ske/client': 'workspace:*' },
      devDependencies: { vitest: 'catalog:' },
    };
    const after = JSON.parse(renderConsumerPackageJson(before, model));
    expect(after).toEqual({
      ...before,
      dependencies: {
        '@scp-ske/client': 'workspace:*',
        '@scp-ske/client-2.0': 'workspace:*',
        '@scp-ske/client-2.1': 'workspace:*',
        yaml: 'catalog:',
      },
    });
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });
});
