/**
 * The build every published package shares: one ESM entry with its declarations, for Node ≥ 20.
 * Plain JavaScript, so that every way tsdown loads a package's `tsdown.config.ts` (its own loader on
 * Node 20, Node's type stripping on Node 22.18+) resolves the import the same way.
 */
export default /** @type {const} */ ({ entry: ['src/index.ts'], platform: 'node', target: 'node20', dts: true });
