import shared from '../../vitest.shared.js';

// Generates clients with third-party generators and typechecks them: generous time-outs, one file.
export default { test: { ...shared.test, testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } };
