// @ts-check
/** A client package's `README.md`: install, a first call, every operation, the options, the `./raw` entry. */
import { isJson } from '../model.mjs';

/** @import { Client, Operation } from '../model.mjs' */

/**
 * Where the operation's description comes from, for this version.
 * @param {Operation} operation
 * @param {string} version
 */
function provenanceOf({ provenance }, version) {
  if (!provenance) return 'not stated';
  const confirmed = provenance.confirmed?.includes(version);
  return `${confirmed ? 'confirmed' : `assumed (confirmed for ske ${provenance.confirmed?.join(', ')})`}: ${provenance.source}`;
}

/**
 * One row of the operations table.
 * @param {Operation} operation
 * @param {string} version
 */
const operationRow = (operation, version) =>
  `| \`${operation.id}\`${operation.convenience ? ` (and \`${operation.convenience}\`)` : ''} | \`${operation.method} ${operation.path}\` | \`${operation.actionId ?? '–'}\` | ${provenanceOf(operation, version)} |`;

/**
 * The calls of the usage example: a listing (the first JSON operation), a change with a request body
 * (the first operation that takes one), then a kubeconfig convenience, or else the first operation.
 * @param {Operation} example
 * @param {Operation | undefined} listing
 * @param {Operation | undefined} change
 */
function exampleCalls(example, listing, change) {
  const input = JSON.stringify(example.sample.input, null, 2);
  const list = listing ? `const { data, requestId } = await ske.${listing.id}();\nconsole.log(requestId, data);\n` : '';
  const changed = change
    ? `const { data: started } = await ske.${change.id}(${JSON.stringify(change.sample.input, null, 2)});\nconsole.log(started);\n`
    : '';
  const call = example.convenience
    ? `const { kubeconfig, server, contexts } = await ske.${example.convenience}(${input});\nconsole.log(server, contexts);`
    : `const { data } = await ske.${example.id}(${input});\nconsole.log(data);`;
  return `${list}${changed}${call}`;
}

/**
 * One row of the waiters table.
 * @param {Operation} operation
 * @param {string} name
 * @param {import('../model.mjs').Waiter} waiter
 */
const waiterRow = (operation, name, waiter) => {
  const list = (/** @type {string[] | undefined} */ statuses) =>
    statuses?.length ? statuses.map((status) => (status === '*' ? 'any status' : `\`${status}\``)).join(', ') : '–';
  const until = [waiter.success?.length ? list(waiter.success) : '', waiter.notFound === 'success' ? 'gone (404)' : '']
    .filter(Boolean)
    .join(' or ');
  const pending = [list(waiter.pending), ...(waiter.pendingHttpStatuses ?? []).map((status) => `HTTP ${status}`)].join(
    ', ',
  );
  return `| \`waitUntil.${name}\` | \`${operation.id}\` | ${until} | ${pending} | ${list(waiter.failure)} |`;
};

/**
 * The paging, waiting and error-handling section, from the operations the spec marks with
 * \`x-scp-pagination\` and \`x-scp-waiters\`; empty for a version without either.
 * @param {Client} client
 */
function pagingAndWaiting({ packageName, operations }) {
  const paged = operations.filter((operation) => operation.pagination);
  const waiting = operations.flatMap((operation) =>
    Object.entries(operation.waiters ?? {}).map(([name, waiter]) => ({ operation, name, waiter })),
  );
  const [list] = paged;
  const running = waiting.find(({ waiter }) => waiter.notFound !== 'success');
  if (!list || !running) return '';
  const listInput = JSON.stringify({ ...list.sample.input, size: 50 });
  const waitInput = JSON.stringify(running.operation.sample.input);
  return `
## Paging, waiting and errors

\`ske.paginate.<operationId>(input, options?)\` reads every item of a list that pages (${paged.map((operation) => `\`${operation.id}\``).join(', ')}),
fetching each page as the loop reaches it and stopping at \`count\` (or a short or empty page); \`options.signal\`
stops it. \`ske.waitUntil.<waiter>(input, options?)\` polls until a resource settles, as SCP's Terraform provider
does: the first poll after 2 s, then 3 s, 6 s and every 10 s (\`initialDelayMs\`, \`minDelayMs\`, \`maxDelayMs\`), or
later when an answer sends \`Retry-After\`; one request per poll; statuses compared without regard to case; two
transient failures in a row (network, 429, 5xx) tolerated. It resolves with the last answer, and rejects with
\`SkeWaitTimeoutError\` after \`timeoutMs\` (default two hours) or \`SkeWaitFailedError\` naming a status it will
not wait through.

| waiter | polls | until | waits through | fails on |
| --- | --- | --- | --- | --- |
${waiting.map(({ operation, name, waiter }) => waiterRow(operation, name, waiter)).join('\n')}

\`\`\`js
import { createSkeClient, isSkeApiError, SkeWaitFailedError, SkeWaitTimeoutError } from '${packageName}';

const ske = createSkeClient({ region: 'kr-west1', environment: 's' });
for await (const item of ske.paginate.${list.id}(${listInput})) console.log(item);

try {
  const { data } = await ske.waitUntil.${running.name}(${waitInput}, {
    timeoutMs: 30 * 60_000,
    onProgress: (status, elapsedMs) => console.log(status, \`after \${Math.round(elapsedMs / 1000)} s\`),
  });
  console.log(data);
} catch (error) {
  if (isSkeApiError(error, 404)) console.error('not found', error.requestId);
  else if (isSkeApiError(error, 403)) console.error('this key lacks the IAM action:', error.detail.join(' '));
  else if (isSkeApiError(error, 401)) console.error('the keys or the signature were refused');
  else if (error instanceof SkeWaitTimeoutError) console.error('still', error.lastStatus, 'after', error.timeoutMs, 'ms');
  else if (error instanceof SkeWaitFailedError) console.error(error.message);
  else throw error;
}
\`\`\`

Every method also takes options as its second argument, over the client's own: \`signal\`, \`timeoutMs\` (the deadline of
the whole call, retries included; default 60000), \`maxRetries\`, \`headers\`, \`onAttempt\`. \`resolveCluster(ske, nameOrId)\`
and \`resolveNodepool(ske, clusterId, nameOrId)\` find a resource by name or id. Logs: \`logLevel\` (or \`SCP_SKE_LOG=debug\`)
and \`logger\`; OpenTelemetry spans: \`tracing: true\`, through the tracer provider your OpenTelemetry SDK registered.
`;
}

/** @param {Client} client */
export function renderReadme(client) {
  const { packageName, apiVersion, version, contract, operations } = client;
  const lifecycle = client.notBefore ? `${client.state}, Not Before ${client.notBefore}` : client.state;
  const example = operations.find((operation) => operation.convenience) ?? operations[0];
  if (!example) throw new Error(`${version}: a client without operations has no README example`);
  const listing = operations.find((operation) => isJson(operation.success.contentType));
  const change = operations.find((operation) => operation.body?.required);
  const regions = Object.entries(contract.server.regions)
    .map(([environment, names]) => `\`${environment}\`: ${names.join(', ')}`)
    .join('; ');
  return `# ${packageName}

Typed client for the Samsung Cloud Platform Kubernetes Engine (SKE) API **${apiVersion}** (${lifecycle}),
generated from its OpenAPI description (\`@scp-ske/spec/${client.source}\`). Do not edit: this package is
written by \`@scp-ske/codegen\` (\`packages/codegen\`).

\`\`\`sh
npm install ${packageName}
\`\`\`

\`\`\`js
import { createSkeClient } from '${packageName}';

// Credentials: SCP_ACCESS_KEY / SCP_SECRET_KEY, else ~/.scpconf/credentials.json, else pass \`credentials\`.
const ske = createSkeClient({ region: 'kr-west1', environment: 's' }); // or { endpoint: 'http://127.0.0.1:8080' }
${exampleCalls(example, listing, change)}
\`\`\`

## Operations

One method per operation, named by its operationId, taking one object of its parameters in camelCase, its
request body as \`body\` (typed from the spec and sent as written, as JSON), and options as a second argument, and resolving to
\`{ data, status, requestId, apiVersion }\`: the body parsed into its schema type (JSON) or as a string (text).

| method | request | IAM action | provenance for ${apiVersion} |
| --- | --- | --- | --- |
${operations.map((operation) => operationRow(operation, version)).join('\n')}

- Every request is signed (\`@scp-ske/signing\`), sends \`Scp-Api-Version: ${apiVersion}\`, and is retried on 429/5xx
  and network errors with backoff.
- Every argument is checked against the spec (required, type, pattern, enum, minimum) before any network call:
  \`SkeInputError\` names it and says what was expected. Any non-2xx answer is a \`SkeApiError\` (\`status\`, \`code\`,
  \`detail[]\`, \`requestId\`); a body that is not what the spec says is a \`ResponseFormatError\` (or, from a
  kubeconfig convenience, a \`KubeconfigFormatError\`). All of them are \`SkeError\`s with a stable \`code\`.
- Lifecycle: once a DEPRECATED version's Not Before date has arrived, \`createSkeClient\` refuses it and names
  ${contract.current.package}; a DEPRECATED version, or a SUPPORTED one past its Not Before date, emits one process warning
  (\`SCP_SKE_VERSION_DEPRECATED\`, \`SCP_SKE_VERSION_PAST_NOT_BEFORE\`).
- Requests go over Node's own HTTP client (keep-alive); pass \`fetch\` to carry every request through your own.

Options: \`credentials\`, \`region\` + \`environment\` (${regions}) or \`endpoint\`, \`language\`, \`retry\`, \`maxRetries\`, \`timeoutMs\`, \`headers\`, \`signal\`, \`fetch\`, \`now\`, \`allowUnsupportedVersion\`, \`onAttempt\`, \`logger\`, \`logLevel\`, \`tracing\`,
\`dangerouslyAllowBrowser\` (a client created in a web page throws \`BrowserNotAllowedError\` without it: a secret key
there can be read by anyone who opens the page).
${pagingAndWaiting(client)}
## The openapi-fetch client

For full control, \`${packageName}/raw\` is the openapi-fetch client typed with this version's
\`paths\`, with the same options, signing, version header, retries and lifecycle gate. It is a separate entry so
that applications that do not use it do not ship openapi-fetch.

\`\`\`js
import { createRawClient } from '${packageName}/raw';

const raw = createRawClient({ region: 'kr-west1', environment: 's' });
const { data, error, response } = await raw.${example.method}('${example.path}', {
  params: ${JSON.stringify(example.sample.params)},${isJson(example.success.contentType) ? '' : "\n  parseAs: 'text',"}
});
console.log(response.status, response.headers.get('x-request-id'), error ?? data);
\`\`\`

License: Apache-2.0
`;
}
