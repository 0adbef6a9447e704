import shared from '../../tsdown.shared.mjs';

export default { ...shared, entry: ['src/index.ts', 'src/raw.ts'] };
