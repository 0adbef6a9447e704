/**
 * The set-up step of `pnpm check`: everything its suites would otherwise download in the middle of a run,
 * fetched first, each with retries on network errors, so that a flaky registry link fails here with a
 * clear message and not as a failed test.
 *
 * - the runtime matrix's runtimes (node@22/24/26, Bun, Deno, Miniflare with workerd: tools/runtime-matrix/runtimes.json);
 * - the release rehearsal's registry (Verdaccio, from tools/release-rehearsal/verdaccio/package-lock.json).
 *
 * `node scripts/setup-check.mjs runtimes` sets up the runtimes only (`pnpm test:runtimes`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { installVerdaccio } from '../tools/release-rehearsal/src/registry.mjs';
import { installRuntime, readRuntimes } from '../tools/runtime-matrix/scripts/install-runtimes.mjs';

const ATTEMPTS = 4;
const only = process.argv[2];

/** The first line of what a failed install said (npm's own error code and message), without the noise. */
const firstLine = (error) =>
  String(error?.stderr || error?.message || error)
    .split('\n')
    .map((line) => line.replace(/^npm (ERR!|error) ?/, '').trim())
    .find(Boolean) ?? 'unknown error';

/** Runs `install` up to ATTEMPTS times, 5 s, 15 s, 45 s apart; returns whether it installed anything. */
async function withRetries(label, install) {
  for (let attempt = 1; ; attempt++) {
    try {
      const installed = await install();
      if (installed !== false) console.log(`check set-up: ${label} installed`);
      return;
    } catch (error) {
      if (attempt === ATTEMPTS) {
        throw new Error(
          `could not install ${label} from the npm registry after ${ATTEMPTS} tries (last: ${firstLine(error)}). ` +
            'Nothing was tested. Run `pnpm check:setup` again once the registry answers.',
        );
      }
      const wait = 5 * 3 ** (attempt - 1);
      console.log(`check set-up: ${label}: ${firstLine(error)}; trying again in ${wait} s`);
      await sleep(wait * 1000);
    }
  }
}

const tasks = readRuntimes().map((runtime) =>
  withRetries(`${runtime.name} (${runtime.package}@${runtime.version})`, () => installRuntime(runtime)),
);
if (only !== 'runtimes') {
  const quiet = { env: process.env, log: { command: () => {}, output: () => {} } };
  tasks.push(
    withRetries('Verdaccio (the release rehearsal registry)', () => installVerdaccio(quiet).then(() => undefined)),
  );
}
const failures = (await Promise.allSettled(tasks)).filter((result) => result.status === 'rejected');
for (const failure of failures) console.error(`check set-up: ${failure.reason.message}`);
if (failures.length > 0) process.exit(1);
console.log('check set-up: everything is installed');
