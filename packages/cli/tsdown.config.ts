/**
 * Two builds into dist/: the package's entry for programs (index.mjs, the shared build: dependencies
 * imported, declarations), and the `scp-ske` command that bin/scp-ske.mjs runs (scp-ske.mjs): every
 * dependency bundled in, so that a process reads a few files instead of a hundred (the YAML library
 * alone is 74 CommonJS files), and each command in a chunk of its own (dist/scp-ske/), loaded when
 * it runs.
 */
import shared from '../../tsdown.shared.mjs';

export default [
  shared,
  {
    ...shared,
    entry: { 'scp-ske': 'src/main.ts' },
    dts: false,
    deps: { alwaysBundle: [/^@scp-ske\//, 'yaml'], onlyBundle: ['yaml'] },
    outputOptions: {
      chunkFileNames: 'scp-ske/[name]-[hash].mjs',
      codeSplitting: { groups: [{ name: 'yaml', test: /[\\/]node_modules[\\/]yaml[\\/]/ }] },
    },
  },
];
