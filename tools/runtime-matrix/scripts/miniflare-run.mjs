/**
 * Run by an installed Node ≥ 22 (Miniflare's engines): loads the bundled consumer Worker into
 * workerd through Miniflare, asks it once, prints its JSON. Args: miniflare dir, bundle, bindings JSON.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [miniflareDir, scriptPath, bindings] = process.argv.slice(2);
const entry = createRequire(`${miniflareDir}/package.json`).resolve('miniflare');
const { Miniflare } = await import(pathToFileURL(entry).href);
// The bundle's chunks are ES modules named .js (Miniflare's default rules read .js as CommonJS).
const mf = new Miniflare({
  modules: true,
  modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
  scriptPath,
  compatibilityDate: '2025-06-01',
  bindings: JSON.parse(bindings),
});
try {
  const response = await mf.dispatchFetch('http://localhost/');
  console.log(await response.text());
} finally {
  await mf.dispose();
}
