import shared from '../../tsdown.shared.mjs';

// Two entries: the documents and lifecycle (`.`), and the spec differ (`./diff`), which the clients never load.
export default { ...shared, entry: ['src/index.ts', 'src/diff.ts'] };
