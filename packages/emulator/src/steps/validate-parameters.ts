/** Step 8, parameters: each path and query value decoded and checked against the spec (parameters.ts), or 400. */
import { readParameters } from '../parameters.js';
import type { Step } from '../pipeline.js';

export const validateParameters: Step = (exchange) => {
  const { route, params } = exchange.matched;
  const parameters = readParameters(route.parameters, {
    path: params,
    query: new URLSearchParams(exchange.search),
    header: (name) => exchange.header(name.toLowerCase()),
  });
  if ('code' in parameters) return exchange.fail(parameters);
  exchange.parameters = parameters;
  return undefined;
};
