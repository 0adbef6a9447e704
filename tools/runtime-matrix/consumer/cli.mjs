/** The consumer as a script (Node, Bun, Deno): configuration from the environment, one JSON line out. */
import { configFromEnv, runChecks } from './checks.mjs';
import vectors from './vectors.mjs';

const env = globalThis.process?.env ?? globalThis.Deno?.env.toObject();
console.log(JSON.stringify(await runChecks({ ...configFromEnv(env), vectors })));
