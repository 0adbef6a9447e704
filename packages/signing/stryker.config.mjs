import { strykerConfig } from '../../stryker.shared.mjs';

export default strykerConfig({
  packageDir: import.meta.dirname,
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/testing/**', '!src/index.ts'],
});
