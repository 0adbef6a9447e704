import shared from '../../tsdown.shared.js';

export default { ...shared, entry: ['src/cli.ts'], dts: false };
