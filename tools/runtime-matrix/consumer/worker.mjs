/** The consumer as a Worker (workerd): configuration from its bindings, the JSON as the answer. */
import { configFromEnv, runChecks } from './checks.mjs';
import vectors from './vectors.mjs';

export default {
  async fetch(_request, env) {
    return Response.json(await runChecks({ ...configFromEnv(env), vectors }));
  },
};
