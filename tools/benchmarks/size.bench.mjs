/**
 * Bundle size of what an application ships: a consumer entry that imports @scp-ske/client-1.3 (with
 * its runtime and @scp-ske/signing), bundled and minified with rolldown for Node, gzipped; beside
 * openapi-fetch alone, bundled the same way. Target: at most 8 KB min+gz. Also, for information, the
 * `./raw` entry (the openapi-fetch client, which only applications that import it ship).
 */
import { gzipSync } from 'node:zlib';
import { figure, summarize, writeFigures } from '@scp-ske/bench-kit';
import { rolldown } from 'rolldown';

const entries = {
  client: "export { createSkeClient } from '@scp-ske/client-1.3';",
  raw: "export { createRawClient } from '@scp-ske/client-1.3/raw';",
  'openapi-fetch': "export { default } from 'openapi-fetch';",
};

async function minGzipKilobytes(source) {
  const modules = { entry: source };
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
const raw = await minGzipKilobytes(entries.raw);
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
    id: 'size.client-1.3-raw',
    description: `createRawClient from @scp-ske/client-1.3/raw (openapi-fetch with signing, retries and the lifecycle gate), minified (${raw.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone`,
    unit: 'KB',
    result: { value: one(raw.kb), baseline: one(baseline.kb), ratio: raw.kb / baseline.kb },
    baselineName: 'openapi-fetch alone',
  }),
]);
