#!/usr/bin/env node
// CommonJS on purpose: Node runs a CommonJS entry without starting its ES module loader, a third of
// a short command's start-up (`pnpm bench`, cli.cold-start). dist/scp-ske.cjs is the bundled command.
// On Node 22.1 and newer, V8 keeps the compiled code in Node's own cache (as tsc does) for the next run.
require('node:module').enableCompileCache?.();
require('../dist/scp-ske.cjs')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
