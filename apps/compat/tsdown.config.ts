import shared from '../../tsdown.shared.mjs';

export default { ...shared, entry: ['src/cli.ts'], dts: false };
