/**
 * Bundle size of what an application ships: a consumer entry that imports @scp-ske/client-1.3 (with
 * its runtime, all its operations and @scp-ske/signing), bundled and minified with rolldown for Node,
 * gzipped; beside openapi-fetch alone, bundled the same way.
 * - `size.client-1.3`: what loads with `createSkeClient` (the entry chunk and the chunks it imports
 *   statically). Target: at most 12 KB min+gz with every operation of the version. (The budget was 10.5 KB
 *   when the runtime had no call deadline, response size limit, redirect rule, per-call options or
 *   logging hook; those cost 2.2 KB that every call uses, and stay: see docs/benchmarks.md.)
 *   The YAML library the kubeconfig check loads on its first read is a chunk of its own, reported
 *   beside it (`size.client-1.3-kubeconfig-reader`): only code that reads a kubeconfig loads it. So are the
 *   chunks the paginators, the waiters and logging or tracing load on first use (`size.client-1.3-on-demand`).
 * - `size.per-operation`: what one more operation adds (its generated row): the client with every row
 *   of the table against the client with its first row only, the difference divided by the rows added.
 *   Target: at most 0.1 KB.
 * - `size.client-1.3-raw`: the `./raw` entry (the openapi-fetch client), for information.
 * - `size.client-1.3-browser`: `createSkeClient` bundled for `platform: 'browser'` (the `browser`
 *   condition: the signing build with Web Crypto and fetch), counted as `size.client-1.3` is.
 *   Target: at most 12 KB min+gz, as for Node.
 */
import { gzipSync } from 'node:zlib';
import { figure, summarize, writeFigures } from '@scp-ske/bench-kit';
import { OPERATIONS } from '@scp-ske/client-1.3';
import { rolldown } from 'rolldown';

/** The budget of what loads with `createSkeClient`, for Node and for the browser. */
const SIZE_BUDGET_KB = 12;

const entries = {
  client: "export { createSkeClient } from '@scp-ske/client-1.3';",
  raw: "export { createRawClient } from '@scp-ske/client-1.3/raw';",
  'openapi-fetch': "export { default } from 'openapi-fetch';",
};

async function minGzipKilobytes(source, platform = 'node') {
  const modules = { entry: source };
  const bundle = await rolldown({
    input: 'entry',
    platform,
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
  const size = (chunks) => {
    const code = chunks.map((chunk) => chunk.code ?? '').join('');
    return { kb: gzipSync(code, { level: 9 }).length / 1024, minified: code.length / 1024 };
  };
  const chunks = output.filter((chunk) => chunk.type === 'chunk');
  // What loads with the entry: the entry chunk and every chunk it imports statically, transitively.
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const atStart = new Set(chunks.filter((chunk) => chunk.isEntry));
  for (const chunk of atStart) for (const name of chunk.imports) if (byName.has(name)) atStart.add(byName.get(name));
  const lazy = chunks.filter((chunk) => !atStart.has(chunk));
  // What paging, waiting and logging load (the client's own on-demand modules); the rest is the kubeconfig reader.
  const onDemand = (chunk) => chunk.moduleIds.some((id) => /[\\/](paginate|wait|telemetry)-[\w-]+\.mjs$/.test(id));
  return {
    ...size([...atStart]),
    lazy: size(lazy.filter((chunk) => !onDemand(chunk))),
    onDemand: size(lazy.filter(onDemand)),
  };
}

/** The client with the given operation table written inline, as a generated package has it. */
const withTable = (table) => `import { createVersionedClient } from '@scp-ske/client';
import { contract } from '@scp-ske/client-1.3';
const OPERATIONS = ${JSON.stringify(table)};
export const createSkeClient = (options) => createVersionedClient(contract, OPERATIONS, options);`;
const ids = Object.keys(OPERATIONS);
const firstOnly = await minGzipKilobytes(withTable({ [ids[0]]: OPERATIONS[ids[0]] }));
const allOperations = await minGzipKilobytes(withTable(OPERATIONS));
const perOperation = (allOperations.kb - firstOnly.kb) / (ids.length - 1);

const client = await minGzipKilobytes(entries.client);
const baseline = await minGzipKilobytes(entries['openapi-fetch']);
const raw = await minGzipKilobytes(entries.raw);
const browser = await minGzipKilobytes(entries.client, 'browser');
const browserBaseline = await minGzipKilobytes(entries['openapi-fetch'], 'browser');
const one = (value) => summarize([value]);
writeFigures(new URL('.', import.meta.url).pathname, 'bundle-size', [
  figure({
    id: 'size.client-1.3',
    description: `createSkeClient from @scp-ske/client-1.3 (${Object.keys(OPERATIONS).length} operations) with its runtime and signing, the entry chunk minified (${client.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone`,
    unit: 'KB',
    result: { value: one(client.kb), baseline: one(baseline.kb), ratio: client.kb / baseline.kb },
    baselineName: 'openapi-fetch alone',
    target: { op: '<=', value: SIZE_BUDGET_KB },
    targetOn: 'value',
  }),
  figure({
    id: 'size.client-1.3-browser',
    description: `createSkeClient from @scp-ske/client-1.3 bundled for the browser (signing's Web Crypto and fetch build), the entry chunk and the chunks it imports minified (${browser.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone bundled the same way`,
    unit: 'KB',
    result: { value: one(browser.kb), baseline: one(browserBaseline.kb), ratio: browser.kb / browserBaseline.kb },
    baselineName: 'openapi-fetch alone (browser)',
    target: { op: '<=', value: SIZE_BUDGET_KB },
    targetOn: 'value',
  }),
  figure({
    id: 'size.client-1.3-kubeconfig-reader',
    description: `the chunk the kubeconfig check loads on its first read (the yaml library), minified (${client.lazy.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone`,
    unit: 'KB',
    result: { value: one(client.lazy.kb), baseline: one(baseline.kb), ratio: client.lazy.kb / baseline.kb },
    baselineName: 'openapi-fetch alone',
  }),
  figure({
    id: 'size.client-1.3-on-demand',
    description: `the chunks the paginators, the waiters and logging or tracing load on their first use, minified (${client.onDemand.minified.toFixed(1)} KB) and gzipped, vs openapi-fetch alone`,
    unit: 'KB',
    result: { value: one(client.onDemand.kb), baseline: one(baseline.kb), ratio: client.onDemand.kb / baseline.kb },
    baselineName: 'openapi-fetch alone',
  }),
  figure({
    id: 'size.per-operation',
    description: `what one more operation adds to the client, on average over the ${ids.length - 1} rows after the first, min+gz: ${firstOnly.kb.toFixed(3)} KB with one operation → ${allOperations.kb.toFixed(3)} KB with ${ids.length}`,
    unit: 'KB',
    result: { value: one(perOperation), baseline: one(firstOnly.kb), ratio: perOperation / firstOnly.kb },
    baselineName: 'the client with its first operation only',
    target: { op: '<=', value: 0.1 },
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
