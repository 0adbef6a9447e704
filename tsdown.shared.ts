/** The build every published package shares: one ESM entry with its declarations, for Node ≥ 20. */
export default { entry: ['src/index.ts'], platform: 'node', target: 'node20', dts: true } as const;
