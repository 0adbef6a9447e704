import { strykerConfig } from '../../stryker.shared.mjs';

/**
 * The runtime every generated client runs on (the generator is @scp-ske/codegen, with its own tests).
 * Static mutants are run, against every test: the kubeconfig reader's grammar is module-level regular
 * expressions, loaded lazily by whichever test reads a kubeconfig first, so per-test coverage would
 * test them only against that one test.
 */
export default strykerConfig({
  packageDir: import.meta.dirname,
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/test-support.ts', '!src/index.ts'],
  ignoreStatic: false,
});
