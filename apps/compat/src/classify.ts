/**
 * Compares each version's outcome with what it should be: the reference version's outcome, or for
 * the lifecycle scenario the manifest's prediction. A difference is *expected* when the lifecycle
 * manifest explains it (the version is retired, or warned about, on the judged date) or a difference
 * the spec declares between the versions accounts for all of it (declared.ts), and a *regression*
 * otherwise. A scenario may also state what the spec says the answer is: an outcome that
 * is not it is a regression in any version, the reference included (unless the lifecycle refused it).
 */
import { judgeLifecycle, type VersionEntry } from '@scp-ske/spec';
import { comparable, type Outcome } from './outcome.js';

export type Mark = 'same' | 'expected' | 'regression' | 'skipped' | 'n/a';

export interface Cell {
  mark: Mark;
  outcome?: Outcome;
  /** Why a difference is expected, why a cell is a regression, or why it was skipped or does not apply. */
  reason?: string;
}

/** Why the lifecycle makes this version behave differently on `at`, or undefined when it does not. */
export function lifecycleReason(entry: VersionEntry, at: Date): string | undefined {
  const verdict = judgeLifecycle(entry, at);
  if (verdict.kind === 'retired') {
    return verdict.reason === 'planned'
      ? `${entry.apiVersion} is PLANNED: not callable yet`
      : `${entry.apiVersion} is DEPRECATED and past its Not Before date ${entry.notBefore}: clients refuse it, the gateway answers 406`;
  }
  if (verdict.kind === 'warn') {
    return verdict.reason === 'deprecated'
      ? `${entry.apiVersion} is DEPRECATED (Not Before ${entry.notBefore}): served, with a warning`
      : `${entry.apiVersion} is SUPPORTED but past its Not Before date ${entry.notBefore}: served, with a warning`;
  }
  return undefined;
}

/**
 * Compares an outcome with the reference version's. `explain` says why a difference is declared
 * (the spec's `x-scp-since` / `x-scp-required-since` account for all of it), or undefined.
 */
export function classifyAgainstReference(
  entry: VersionEntry,
  at: Date,
  outcome: Outcome,
  reference: Outcome,
  explain: () => string | undefined = () => undefined,
): Cell {
  if (comparable(outcome) === comparable(reference)) return { mark: 'same', outcome };
  const reason = lifecycleReason(entry, at);
  const refusedAsRetired = outcome.kind === 'refused' && outcome.reason === 'version';
  if (reason && refusedAsRetired && judgeLifecycle(entry, at).kind === 'retired')
    return { mark: 'expected', outcome, reason };
  const declared = explain();
  if (declared) return { mark: 'expected', outcome, reason: declared };
  return { mark: 'regression', outcome, reason: `differs from the reference version (${comparable(reference)})` };
}

export function classifyAgainstPrediction(entry: VersionEntry, at: Date, outcome: Outcome, predicted: Outcome): Cell {
  if (comparable(outcome) !== comparable(predicted)) {
    return { mark: 'regression', outcome, reason: `the lifecycle manifest predicts ${comparable(predicted)}` };
  }
  const reason = lifecycleReason(entry, at);
  return reason ? { mark: 'expected', outcome, reason } : { mark: 'same', outcome };
}

/**
 * Holds a cell to what the spec says the answer is (`unmet` names it when the outcome is not it): a
 * cell that is the same as the reference becomes a regression (the reference included: it is the same
 * as itself); an expected difference or a regression already found stays what it is.
 */
export function classifyAgainstExpectation(cell: Cell, unmet: string | undefined): Cell {
  if (unmet === undefined || cell.mark !== 'same') return cell;
  return { mark: 'regression', outcome: cell.outcome as Outcome, reason: `the spec says ${unmet}` };
}
