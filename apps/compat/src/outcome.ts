/**
 * What a scenario observed, normalised so that versions can be compared: the kind of result, the
 * status and error code, the shape of a JSON body (its sorted keys and array lengths, never its
 * values), the shape of a kubeconfig (which endpoint, how many contexts), or the steps of a
 * resource's life. A JSON answer also keeps its body under `ANSWER` (a symbol: never compared, never
 * written to a report), for the scenarios that go on with it and for explaining a difference.
 */
import { readKubeconfig, SkeApiError, SkeInputError, UnsupportedVersionError } from '@scp-ske/client';

/** Where a JSON answer keeps its body. */
export const ANSWER: unique symbol = Symbol('answer');

export type Outcome =
  | { kind: 'kubeconfig'; endpoint: string; contexts: number; answeredAs?: string }
  | { kind: 'data'; status: number; summary: string; answeredAs?: string; [ANSWER]?: unknown }
  /** The steps of a resource's life, each as observed (`createCluster 202 → RUNNING, listed`). */
  | { kind: 'steps'; steps: string[] }
  /** The version does not have the operation. */
  | { kind: 'absent' }
  | { kind: 'api-error'; status: number; code: string }
  | { kind: 'refused'; reason: 'input' | 'version'; detail: string }
  | { kind: 'lifecycle'; verdict: 'ok' | 'warn' | 'retired'; gateway?: number }
  | { kind: 'error'; name: string; message: string };

/** The kubeconfig's endpoint type, read from its server URL (`…ske.private…` / `…ske.public…`). */
export function endpointType(server: string): string {
  return /\.(private|public)\./.exec(server)?.[1] ?? server;
}

export async function observe(call: () => Promise<{ server: string; contexts: string[] }>): Promise<Outcome> {
  try {
    const result = await call();
    return { kind: 'kubeconfig', endpoint: endpointType(result.server), contexts: result.contexts.length };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** Runs a call that produces its own outcome; whatever it throws becomes the outcome. */
export async function attempt(call: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await call();
  } catch (error) {
    return outcomeOfError(error);
  }
}

/**
 * The shape of a JSON value, stable across runs: an object's keys sorted, each array by its length,
 * each nested object by its number of keys, e.g. `{clusters[2],count,links[0]}` or `{cluster{24}}`.
 * Values (ids, dates, names) are left out: they may differ between runs without anything being wrong.
 */
export function shapeOf(value: unknown): string {
  const inner = (item: unknown): string => {
    if (Array.isArray(item)) return `[${item.length}]`;
    if (item !== null && typeof item === 'object') return `{${Object.keys(item).length}}`;
    return '';
  };
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${key}${inner(item)}`).join(',')}}`;
}

/** A success answer's outcome: a text body that reads as a kubeconfig is one, any other body is data. */
export async function successOutcome(status: number, data: unknown): Promise<Outcome> {
  if (typeof data !== 'string') return { kind: 'data', status, summary: shapeOf(data), [ANSWER]: data };
  try {
    const { server, contexts } = await readKubeconfig(data);
    return { kind: 'kubeconfig', endpoint: endpointType(server), contexts: contexts.length };
  } catch {
    return { kind: 'data', status, summary: `text[${data.split('\n').length} lines]` };
  }
}

export function outcomeOfError(error: unknown): Outcome {
  if (error instanceof SkeApiError) return { kind: 'api-error', status: error.status, code: error.code };
  if (error instanceof SkeInputError) return { kind: 'refused', reason: 'input', detail: error.argument };
  if (error instanceof UnsupportedVersionError) return { kind: 'refused', reason: 'version', detail: error.apiVersion };
  const { name = 'Error', message = String(error) } = (error ?? {}) as Error;
  return { kind: 'error', name, message };
}

/** The JSON body an outcome was made from, if it was a JSON answer. */
export const answerOf = (outcome: Outcome | undefined): unknown =>
  outcome?.kind === 'data' ? outcome[ANSWER] : undefined;

/** A short label for a table cell. */
export function describeOutcome(outcome: Outcome): string {
  const as = 'answeredAs' in outcome && outcome.answeredAs ? ` as ${outcome.answeredAs}` : '';
  switch (outcome.kind) {
    case 'kubeconfig':
      return `200 ${outcome.endpoint}${as}`;
    case 'data':
      return `${outcome.status} ${outcome.summary}${as}`;
    case 'api-error':
      return `${outcome.status} ${outcome.code}`;
    case 'refused':
      return outcome.reason === 'input' ? `refused: ${outcome.detail}` : 'refused: retired';
    case 'lifecycle':
      return `${outcome.verdict}${outcome.gateway ? ` (gateway ${outcome.gateway})` : ''}`;
    case 'steps':
      return `${outcome.steps.length} steps, each seen`;
    case 'absent':
      return 'not in this version';
    case 'error':
      return `${outcome.name}`;
  }
}

/** The comparable part of an outcome (free-text details left out). */
export function comparable(outcome: Outcome): string {
  if (outcome.kind === 'error') return `error:${outcome.name}`;
  if (outcome.kind === 'refused')
    return `refused:${outcome.reason}:${outcome.reason === 'input' ? outcome.detail : ''}`;
  return JSON.stringify(outcome);
}
