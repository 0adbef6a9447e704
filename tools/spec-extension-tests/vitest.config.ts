import shared from '../../vitest.shared.js';

// The test runs the whole pipeline in a copy of the repository: generous time-outs.
export default { test: { ...shared.test, testTimeout: 900_000, hookTimeout: 900_000 } };
