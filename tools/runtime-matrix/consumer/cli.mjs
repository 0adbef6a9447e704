/** The consumer as a script (Node, Bun, Deno): configuration from the environment, one JSON line out. */
import { runChecks } from './checks.mjs';
import vectors from './vectors.mjs';

const env = globalThis.process?.env ?? globalThis.Deno?.env.toObject();
const results = await runChecks({
  endpoint: env.SKE_ENDPOINT,
  accessKey: env.SCP_ACCESS_KEY,
  secretKey: env.SCP_SECRET_KEY,
  cluster: { id: env.SKE_CLUSTER_ID },
  vectors,
});
console.log(JSON.stringify(results));
