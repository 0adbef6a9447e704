/**
 * The client's lifecycle gate: a version that is no longer served is refused before any network
 * call; one that soon will not be emits a process warning once per process (not per call), with a
 * stable code that `node --disable-warning=CODE` or a `process.on('warning')` handler can match
 * (`console.warn` with the same code where the runtime has no `process.emitWarning`).
 */
import { judgeLifecycle } from '@scp-ske/spec/lifecycle';
import type { VersionContract } from './contract.js';
import { UnsupportedVersionError } from './errors.js';

export const WARNING_CODES = {
  deprecated: 'SCP_SKE_VERSION_DEPRECATED',
  'past-not-before': 'SCP_SKE_VERSION_PAST_NOT_BEFORE',
} as const;

/** Shared through the global symbol registry, so that two copies of this module still warn once. */
const registry = globalThis as { [key: symbol]: Set<string> | undefined };
const WARNED = Symbol.for('@scp-ske/client.warned');
registry[WARNED] ??= new Set();
const warned = registry[WARNED];

/**
 * Forgets which warnings were emitted, so that tests and the compatibility app can observe them again.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export function resetLifecycleWarnings(): void {
  warned.clear();
}

function warnOnce(key: string, message: string, code: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  // Where there is no process (a browser, workerd without nodejs_compat), the console says it instead.
  const { process } = globalThis as { process?: Partial<Pick<NodeJS.Process, 'emitWarning'>> };
  if (process?.emitWarning) process.emitWarning(message, { type: 'SkeLifecycleWarning', code });
  else console.warn(code, message);
}

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export function checkLifecycle(contract: VersionContract, at: Date, allowUnsupportedVersion: boolean): void {
  const verdict = judgeLifecycle(contract, at);
  const move = `move to ${contract.current.apiVersion} (${contract.current.package})`;
  if (verdict.kind === 'retired') {
    const reason =
      verdict.reason === 'planned'
        ? 'is PLANNED and not callable yet'
        : `is DEPRECATED and no longer served since its Not Before date ${contract.notBefore}`;
    if (!allowUnsupportedVersion)
      throw new UnsupportedVersionError(
        contract.apiVersion,
        contract.current.apiVersion,
        reason,
        contract.current.package,
      );
    warnOnce(`${contract.apiVersion}:retired`, `${contract.apiVersion} ${reason}; ${move}.`, WARNING_CODES.deprecated);
    return;
  }
  if (verdict.kind === 'warn') {
    const message =
      verdict.reason === 'deprecated'
        ? `${contract.apiVersion} is DEPRECATED: it stops being served on ${contract.notBefore}; ${move}.`
        : `${contract.apiVersion} is past its guaranteed support date (Not Before ${contract.notBefore}); ${move}.`;
    warnOnce(`${contract.apiVersion}:${verdict.reason}`, message, WARNING_CODES[verdict.reason]);
  }
}
