import shared from '../../tsdown.shared.mjs';

// Three entries: the documents and lifecycle (`.`, which reads files with node:fs), the spec differ
// (`./diff`), which the clients never load, and the lifecycle rules alone (`./lifecycle`, no Node
// built-in), which is all a client needs at run time, in any runtime.
export default { ...shared, entry: ['src/index.ts', 'src/diff.ts', 'src/lifecycle.ts'] };
