/**
 * Step 9, the operation: its handler's answer, else the spec's example for its 200 response, else
 * 501 `NotImplemented`. A 200 answer is checked against the spec before it is sent (responses.ts):
 * one that does not match is a 500 `EmulatorError` naming the operation; so is a handler that throws.
 */
import type { CompleteCluster } from '../complete-cluster.js';
import type { ErrorAnswer } from '../envelope.js';
import type { OperationHandler } from '../operations/types.js';
import type { Step } from '../pipeline.js';
import { finishAnswer, type SuccessAnswer } from '../responses.js';

export function operate(handlers: ReadonlyMap<string, OperationHandler>, clusters: readonly CompleteCluster[]): Step {
  return (exchange) => {
    const { route } = exchange.matched;
    const handler = handlers.get(route.operationId);
    let answer: SuccessAnswer | ErrorAnswer | undefined = route.response.example;
    if (handler) {
      try {
        const { path, query } = exchange.parameters;
        answer = handler({ path, query, caller: exchange.caller, clusters });
      } catch (error) {
        return exchange.fail({
          status: 500,
          code: 'EmulatorError',
          detail: [`${route.operationId}: the handler failed (${(error as Error)?.name ?? 'Error'}).`],
        });
      }
    }
    if (!answer) {
      return exchange.fail({
        status: 501,
        code: 'NotImplemented',
        detail: [`The emulator has no handler and the spec no 200 example for ${route.operationId}.`],
      });
    }
    if ('code' in answer) return exchange.fail(answer);
    const sent = finishAnswer(route.operationId, route.response, answer);
    if ('code' in sent) return exchange.fail(sent);
    return { status: 200, body: sent.body, contentType: sent.contentType, bodyBytes: sent.bodyBytes };
  };
}
