import shared from '../../vitest.shared.js';

export default { test: { ...shared.test, testTimeout: 300_000 } };
