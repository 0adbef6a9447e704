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
request body as \`body\` (typed from the spec and sent as written, as JSON), and \`signal\`, and resolving to
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

Options: \`credentials\`, \`region\` + \`environment\` (${regions}) or \`endpoint\`, \`language\`, \`retry\`, \`fetch\`, \`now\`, \`allowUnsupportedVersion\`, \`onAttempt\`,
\`dangerouslyAllowBrowser\` (a client created in a web page throws \`BrowserNotAllowedError\` without it: a secret key
there can be read by anyone who opens the page).

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
