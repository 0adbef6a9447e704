/**
 * The tests Stryker runs for the emulator (stryker.config.mjs): all but the one that spawns the
 * emulator's binary, which a mutant in the sandbox never reaches; `pnpm test` runs them all.
 */
import shared from '../../vitest.shared.js';

export default {
  test: { ...shared.test, exclude: ['src/cli.test.ts', '**/node_modules/**'] },
};
