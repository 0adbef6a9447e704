/**
 * The portable consumer: the same checks in every runtime (Node, Bun, Deno, workerd, a browser),
 * over what a user installs (@scp-ske/signing, @scp-ske/client-1.3 and its `./raw`), against an emulator
 * started on Node. Plain ESM, no Node built-in: `runChecks(config)` resolves one object of
 * check → { pass, detail }.
 */

import { createSkeClient, OPERATIONS } from '@scp-ske/client-1.3';
import { createRawClient } from '@scp-ske/client-1.3/raw';
import * as signing from '@scp-ske/signing';

/**
 * An input for every read operation of the table (GET: the matrix proves the client runs, and leaves the
 * emulator's state alone), built from its parameters: a required parameter the consumer does not know
 * makes the operation fail by name, so a new operation is noticed here.
 */
export function inputFor(operationId, operation, cluster, nodepoolId) {
  const input = {};
  for (const parameter of operation.parameters ?? []) {
    if (!parameter.required) continue;
    if (parameter.key === 'clusterId') input.clusterId = cluster.id;
    else if (parameter.key === 'nodepoolId' && nodepoolId) input.nodepoolId = nodepoolId;
    else if (parameter.schema?.enum?.length) input[parameter.key] = parameter.schema.enum[0];
    else
      throw new Error(
        `no input for ${operationId}: required parameter ${parameter.key} (${parameter.in}) is unknown to the consumer`,
      );
  }
  return input;
}

async function check(name, results, body) {
  try {
    const detail = await body();
    results[name] = { pass: true, detail };
  } catch (error) {
    results[name] = {
      pass: false,
      detail: String(error?.stack ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' | '),
    };
  }
}

/**
 * The configuration a script (`process.env`, `Deno.env`) or a Worker (its bindings) is given, by the
 * same names: SKE_ENDPOINT, SCP_ACCESS_KEY, SCP_SECRET_KEY, SKE_CLUSTER_ID.
 */
export function configFromEnv(env) {
  return {
    endpoint: env.SKE_ENDPOINT,
    accessKey: env.SCP_ACCESS_KEY,
    secretKey: env.SCP_SECRET_KEY,
    cluster: { id: env.SKE_CLUSTER_ID },
  };
}

/**
 * config: { endpoint, accessKey, secretKey, cluster: { id }, vectors, allowBrowser }
 */
export async function runChecks(config) {
  const results = {};
  const credentials = { accessKey: config.accessKey, secretKey: config.secretKey };
  await check('vectors', results, async () => {
    let sync = 0;
    let syncUnavailable = false;
    for (const vector of config.vectors) {
      const got = await signing.computeSignatureAsync(vector);
      if (got !== vector.signature)
        throw new Error(`computeSignatureAsync: ${vector.name}: ${got} ≠ ${vector.signature}`);
      try {
        const syncGot = signing.computeSignature(vector);
        if (syncGot !== vector.signature)
          throw new Error(`computeSignature: ${vector.name}: ${syncGot} ≠ ${vector.signature}`);
        sync++;
      } catch (error) {
        if (error?.code !== 'ERR_SKE_SYNC_SIGNING_UNAVAILABLE') throw error;
        syncUnavailable = true;
      }
    }
    const build = syncUnavailable ? 'web build' : 'node build';
    return `${config.vectors.length} async${sync ? `, ${sync} sync` : ''} (${build})`;
  });
  await check('client', results, async () => {
    const ske = createSkeClient({
      endpoint: config.endpoint,
      credentials,
      dangerouslyAllowBrowser: config.allowBrowser === true,
    });
    const ids = Object.keys(OPERATIONS).filter((operationId) => OPERATIONS[operationId].method === 'GET');
    // A nodepool of the demo cluster, for the operations on one (the table's order lists it first).
    const nodepools = ske.listNodepools ? (await ske.listNodepools({ clusterId: config.cluster.id })).data : undefined;
    const nodepoolId = nodepools?.nodepools?.[0]?.id;
    for (const operationId of ids) {
      const input = inputFor(operationId, OPERATIONS[operationId], config.cluster, nodepoolId);
      const result = await ske[operationId](input);
      if (result.status !== 200) throw new Error(`${operationId}: status ${result.status}`);
    }
    return `${ids.length} read operations → 200 (${ids.join(', ')})`;
  });
  await check('raw', results, async () => {
    const raw = createRawClient({
      endpoint: config.endpoint,
      credentials,
      dangerouslyAllowBrowser: config.allowBrowser === true,
    });
    const { response } = await raw.GET('/v1/clusters', {});
    if (response.status !== 200) throw new Error(`GET /v1/clusters: ${response.status}`);
    return 'GET /v1/clusters → 200';
  });
  return results;
}
