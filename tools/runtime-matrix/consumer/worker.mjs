/** The consumer as a Worker (workerd): configuration from its bindings, the JSON as the answer. */
import { runChecks } from './checks.mjs';
import vectors from './vectors.mjs';

export default {
  async fetch(_request, env) {
    const results = await runChecks({
      endpoint: env.SKE_ENDPOINT,
      accessKey: env.SCP_ACCESS_KEY,
      secretKey: env.SCP_SECRET_KEY,
      cluster: { id: env.SKE_CLUSTER_ID },
      vectors,
    });
    return Response.json(results);
  },
};
