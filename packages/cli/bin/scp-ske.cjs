#!/usr/bin/env node
// CommonJS on purpose: Node runs a CommonJS entry without starting its ES module loader, a third of
// a short command's start-up (`pnpm bench`, cli.cold-start). dist/scp-ske.cjs is the bundled command.
const argv = process.argv.slice(2);

/**
 * Writes `text` to stdout straight to its file descriptor: making process.stdout (a socket when kubectl
 * reads a pipe) would cost more than the rest of a cache hit. A pipe that takes no more now (EAGAIN)
 * gets the rest through process.stdout, which waits until it does.
 */
function writeOut(text) {
  const { writeSync } = require('node:fs');
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch (error) {
    if (error.code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(offset));
  }
}

/**
 * kubectl runs `scp-ske kubeconfig credential` for its calls: answered from the credential cache by
 * dist/scp-ske-credential.cjs alone (node:fs, node:path), without loading the command
 * (cli.exec-credential-cached). False when the cache has no answer.
 */
function answeredFromCache() {
  if (argv[0] !== 'kubeconfig' || argv[1] !== 'credential') return false;
  const { homedir } = require('node:os');
  const cached = require('../dist/scp-ske-credential.cjs').cachedCredential(argv.slice(2), process.env, homedir());
  if (cached === undefined) return false;
  writeOut(cached);
  return true;
}

if (!answeredFromCache()) {
  // On Node 22.1 and newer, V8 keeps the compiled code in Node's own cache (as tsc does) for the next run.
  require('node:module').enableCompileCache?.();
  require('../dist/scp-ske.cjs')
    .main(argv)
    .then((code) => {
      process.exitCode = code;
    });
}
