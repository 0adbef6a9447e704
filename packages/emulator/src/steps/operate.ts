/**
 * Step 10, the operation: first the changes due by now are carried out (the store moves on the
 * emulator's clock), then its handler answers (operations/registry.ts), else the spec's example for
 * its success response, else 501 `NotImplemented`. A success answer is projected onto the version's
 * schema and checked against it before it is sent (responses.ts): one that does not match is a 500
 * `EmulatorError` naming the operation; so is a handler that throws.
 */
import { AnswerCache } from '../answer-cache.js';
import type { ErrorAnswer } from '../envelope.js';
import type { OperationHandler } from '../operations/types.js';
import type { Step } from '../pipeline.js';
import { finishAnswer, type SuccessAnswer } from '../responses.js';
import type { Route } from '../routes.js';

export function operate(
  handlerFor: (route: Route) => OperationHandler | undefined,
  settle: (now: number) => void = () => undefined,
  cache?: AnswerCache,
): Step {
  return (exchange) => {
    const { route } = exchange.matched;
    const handler = handlerFor(route);
    let answer: SuccessAnswer | ErrorAnswer | undefined = route.response.example;
    let cacheKey: string | undefined;
    if (handler) {
      try {
        settle(exchange.nowMs);
        if (cache && AnswerCache.keeps(route)) {
          cacheKey = `${exchange.caller.accessKey}\n${exchange.pathname}${exchange.search}`;
          const known = cache.get(route, cacheKey);
          if (known)
            return {
              status: known.status,
              body: known.body,
              contentType: known.contentType,
              bodyBytes: known.bodyBytes,
            };
        }
        const { path, query } = exchange.parameters;
        answer = handler({
          path,
          query,
          body: exchange.body,
          caller: exchange.caller,
          route,
          apiVersion: exchange.version.apiVersion,
          nowMs: exchange.nowMs,
          requestId: exchange.requestId,
        });
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
        detail: [`The emulator has no handler and the spec no success example for ${route.operationId}.`],
      });
    }
    if ('code' in answer) return exchange.fail(answer);
    const sent = finishAnswer(route.operationId, route.response, answer);
    if ('code' in sent) return exchange.fail(sent);
    if (cacheKey !== undefined) cache?.set(route, cacheKey, sent);
    return { status: sent.status, body: sent.body, contentType: sent.contentType, bodyBytes: sent.bodyBytes };
  };
}
