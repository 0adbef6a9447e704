import shared from '../../vitest.shared.js';

// One test: the whole rehearsal (two builds of every published package, two publishes, three npm installs).
export default { test: { ...shared.test, testTimeout: 1_800_000 } };
