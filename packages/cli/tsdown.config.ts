/**
 * Two builds into dist/: the package's entry for programs (index.mjs, the shared build: dependencies
 * imported, declarations), and the `scp-ske` command that bin/scp-ske.cjs runs (scp-ske.cjs): every
 * dependency bundled in, so that a process reads a few files instead of a hundred (the YAML library
 * alone is 74 CommonJS files), each command in a chunk of its own (dist/scp-ske/), loaded when it
 * runs, and CommonJS, so that Node never starts its ES module loader for a command. Two chunks are
 * made by hand, because each file a process reads costs about half a millisecond whatever its size:
 * `start` (what every command loads first), and `connection` (the API connection and everything it
 * imports statically: the client runtime, signing, the spec's manifest), which every command that
 * calls the API loads; a client version, and what loads on first use, stay chunks of their own. The
 * bin answers kubectl's `kubeconfig credential` calls from the cache with dist/scp-ske-credential.cjs alone.
 */
import shared from '../../tsdown.shared.mjs';

export default [
  shared,
  {
    ...shared,
    entry: { 'scp-ske': 'src/main.ts' },
    format: 'cjs',
    dts: false,
    deps: { alwaysBundle: [/^@scp-ske\//, 'yaml'], onlyBundle: ['yaml'] },
    outputOptions: {
      chunkFileNames: 'scp-ske/[name]-[hash].cjs',
      codeSplitting: {
        groups: [
          { name: 'yaml', test: /[\\/]node_modules[\\/]yaml[\\/]/ },
          { name: 'start', test: /[\\/]src[\\/](terminal-text|command-table)\.ts$/, priority: 2 },
          // With the modules it imports statically (rolldown's includeDependenciesRecursively).
          { name: 'connection', test: /[\\/]src[\\/]connection\.ts$/, priority: 1 },
        ],
      },
    },
  },
  // One file, nothing shared with the command's chunks: a cache hit reads this file alone.
  { ...shared, entry: { 'scp-ske-credential': 'src/credential-fast.ts' }, format: 'cjs', dts: false },
];
