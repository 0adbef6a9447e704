import shared from '../../tsdown.shared.js';

export default { ...shared, entry: ['src/index.ts', 'src/raw.ts'] };
