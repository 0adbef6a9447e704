import shared from '../../vitest.shared.js';

export default { test: { ...shared.test, testTimeout: 120_000, hookTimeout: 120_000 } };
