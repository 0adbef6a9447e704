#!/usr/bin/env node
// @ts-check
/**
 * The `generate` task: writes every version's client package and the consumers' version tables from
 * @scp-ske/spec's bundled documents, and names the packages that are new (they need linking,
 * `node scripts/link-workspace.mjs`, before anything can build them).
 */
import { fileURLToPath } from 'node:url';
import { generate } from '../src/write.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { packages, created } = await generate({ root });
console.log(`generated ${packages.join(', ')}`);
if (created.length > 0) {
  console.log(`new packages: ${created.join(', ')} (node scripts/link-workspace.mjs links them)`);
}
