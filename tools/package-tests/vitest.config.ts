import shared from '../../vitest.shared.js';

// npm installs from the registry: generous time-outs, one file at a time.
export default { test: { ...shared.test, testTimeout: 300_000, hookTimeout: 600_000, fileParallelism: false } };
