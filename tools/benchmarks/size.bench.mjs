/**
 * Bundle size of what an application ships: a consumer entry that imports @scp-ske/client-1.3 (with
 * its runtime and @scp-ske/signing), bundled and minified with rolldown for Node, gzipped; beside
 * openapi-fetch alone, bundled the same way. Target: at most 8 KB min+gz.
 */
import { gzipSync } from 'node:zlib';
import { figure, summarize, writeFigures } from '@scp-ske/bench-kit';
import { rolldown } from 'rolldown';

const entries = {
  client: "export { createSkeClient } from '@scp-ske/client-1.3';",
  'openapi-fetch': "export { default } from 'openapi-fetch';",
};

/** `stub` maps module ids to the source that replaces them (to weigh a part by leaving it out). */
async function minGzipKilobytes(source, stub = {}) {
  const modules = { entry: source, ...stub };
  const bundle = await rolldown({
    input: 'entry',
    platform: 'node',
    cwd: new URL('.', import.meta.url).pathname,
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id in modules ? id : null),
        load: (id) => modules[id] ?? null,
      },
    ],
  });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const code = output.map((chunk) => chunk.code ?? '').join('');
  return { kb: gzipSync(code, { level: 9 }).length / 1024, minified: code.length / 1024 };
}

const client = await minGzipKilobytes(entries.client);
const baseline = await minGzipKilobytes(entries['openapi-fetch']);
// The same entry with openapi-fetch (used only by `raw`) left out: what the rest of the client weighs.
const withoutOpenapiFetch = await minGzipKilobytes(entries.client, {
  'openapi-fetch': 'export default function createClient() { return {}; }',
});
const one = (value) => summarize([value]);
writeFigures(new URL('.', import.meta.url).pathname, 'bundle-size', [
  figure({
    id: 'size.client-1.3',
    description: `createSkeClient from @scp-ske/client-1.3 with its runtime and signing, minified (${client.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone`,
    unit: 'KB',
    result: { value: one(client.kb), baseline: one(baseline.kb), ratio: client.kb / baseline.kb },
    baselineName: 'openapi-fetch alone',
    target: { op: '<=', value: 8 },
    targetOn: 'value',
  }),
  figure({
    id: 'size.client-1.3-without-openapi-fetch',
    description: 'the same bundle with openapi-fetch (which only `raw` uses) replaced by an empty stub, vs the whole',
    unit: 'KB',
    result: { value: one(withoutOpenapiFetch.kb), baseline: one(client.kb), ratio: withoutOpenapiFetch.kb / client.kb },
    baselineName: 'size.client-1.3',
  }),
]);
