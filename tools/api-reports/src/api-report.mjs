#!/usr/bin/env node
/**
 * The public TypeScript API of the package in the working directory, one API Extractor report per
 * entry of its `exports` map that has types (`api/<name>.api.md` for ".", `api/<name>-<subpath>.api.md`
 * for the others, as API Extractor has no multi-entry reports), from the built declarations.
 * `node api-report.mjs` checks: it fails, naming the report, when the API differs from the checked-in
 * report (the new one is written beside the package's node_modules/.cache for a diff);
 * `node api-report.mjs --update` writes the reports. `pnpm test` runs the check in every published
 * package; `pnpm api:update` writes them all.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update');
const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const unscoped = manifest.name.replace(/^@[^/]+\//, '');
const reportFolder = join(packageDir, 'api');
const tempFolder = join(packageDir, 'node_modules', '.cache', 'api-report');

/** Each exports entry with declarations: its subpath and the declaration file. */
function typedEntries(exportsMap) {
  return Object.entries(exportsMap ?? {}).flatMap(([subpath, target]) => {
    const types = typeof target === 'object' && target !== null ? target.types : undefined;
    return typeof types === 'string' && !subpath.includes('*') ? [{ subpath, types }] : [];
  });
}

const reportName = (subpath) =>
  subpath === '.' ? `${unscoped}.api.md` : `${unscoped}-${subpath.replace(/^\.\//, '').replaceAll('/', '-')}.api.md`;

function extract({ subpath, types }) {
  const entry = resolve(packageDir, types);
  if (!existsSync(entry))
    throw new Error(`${manifest.name}: ${types} (exports "${subpath}") is not built; run the build first`);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageDir,
      mainEntryPointFilePath: entry,
      newlineKind: 'lf',
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            strict: true,
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            lib: ['es2023', 'dom'],
            types: ['node'],
            skipLibCheck: true,
          },
        },
      },
      apiReport: { enabled: true, reportFolder, reportTempFolder: tempFolder, reportFileName: reportName(subpath) },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-internal-missing-underscore': { logLevel: 'none' },
          'ae-undocumented': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    packageJsonFullPath: join(packageDir, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, messageCallback: quietInfo });
  return { report: join('api', reportName(subpath)), ...result };
}

/** API Extractor's progress lines ("Analysis will use…") are noise in a turbo log; warnings stay. */
function quietInfo(message) {
  if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
}

mkdirSync(reportFolder, { recursive: true });
let failed = false;
for (const entry of typedEntries(manifest.exports)) {
  let result;
  try {
    result = extract(entry);
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : String(error));
    continue;
  }
  if (result.apiReportChanged && !update) {
    failed = true;
    console.error(
      `${manifest.name}: the public API of "${entry.subpath}" differs from ${result.report}. ` +
        `Review the change (the new report: ${join(tempFolder, reportName(entry.subpath))}) and run \`pnpm api:update\`.`,
    );
  } else if (!result.succeeded) {
    failed = true;
    console.error(`${manifest.name}: API Extractor found ${result.errorCount} error(s) in "${entry.subpath}"`);
  } else if (update && result.apiReportChanged) {
    console.log(`${manifest.name}: ${result.report} updated`);
  }
}
process.exitCode = failed ? 1 : 0;
