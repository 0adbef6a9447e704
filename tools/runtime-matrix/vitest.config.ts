import shared from '../../vitest.shared.js';

// Installs from the registry and runs whole test suites in other runtimes: generous time-outs, one file.
export default { test: { ...shared.test, testTimeout: 1_200_000, hookTimeout: 2_700_000, fileParallelism: false } };
