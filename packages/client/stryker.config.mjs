import { strykerConfig } from '../../stryker.shared.mjs';

/** The runtime every generated client runs on (the generator, scripts/, is checked by the drift test). */
export default strykerConfig({
  packageDir: import.meta.dirname,
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/test-support.ts', '!src/index.ts'],
});
