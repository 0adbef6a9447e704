/**
 * What a scenario observed, normalised so that versions can be compared: the kind of result, the
 * status and error code, or the shape of the kubeconfig (which endpoint, how many contexts).
 */
import { SkeApiError, SkeInputError, UnsupportedVersionError } from '@scp-ske/client';

export type Outcome =
  | { kind: 'kubeconfig'; endpoint: string; contexts: number; answeredAs?: string }
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

export function outcomeOfError(error: unknown): Outcome {
  if (error instanceof SkeApiError) return { kind: 'api-error', status: error.status, code: error.code };
  if (error instanceof SkeInputError) return { kind: 'refused', reason: 'input', detail: error.argument };
  if (error instanceof UnsupportedVersionError) return { kind: 'refused', reason: 'version', detail: error.apiVersion };
  const { name = 'Error', message = String(error) } = (error ?? {}) as Error;
  return { kind: 'error', name, message };
}

/** A short label for a table cell. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'kubeconfig':
      return `200 ${outcome.endpoint}${outcome.answeredAs ? ` as ${outcome.answeredAs}` : ''}`;
    case 'api-error':
      return `${outcome.status} ${outcome.code}`;
    case 'refused':
      return outcome.reason === 'input' ? `refused: ${outcome.detail}` : 'refused: retired';
    case 'lifecycle':
      return `${outcome.verdict}${outcome.gateway ? ` (gateway ${outcome.gateway})` : ''}`;
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
