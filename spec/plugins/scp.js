/**
 * Redocly plugin with the house rules and the two decorators of the SKE description.
 *
 * A version root states only its own facts (`info.version`, `info.x-scp-lifecycle`); the operation
 * is shared by every version. The rules check what review would otherwise have to; when a version is
 * bundled, one decorator copies the version's own facts onto the shared operation and the other leaves
 * out what that version does not have (`x-scp-since`).
 */

const LIFECYCLE = 'x-scp-lifecycle';
const STATES = new Set(['CURRENT', 'SUPPORTED', 'DEPRECATED', 'PLANNED']);
const ERROR_STATUS = /^([45][0-9][0-9]|[45]XX|default)$/;
const ENVELOPE_REF = /(^|\/)schemas\/ErrorEnvelope\.yaml$|^#\/components\/schemas\/ErrorEnvelope$/;
const API_VERSION_HEADER = 'scp-api-version';
/** What the HTTP sample shows for the signing headers: computed per request, never a value to copy. */
const SIGNING_PLACEHOLDERS = {
  'scp-accesskey': '<your access key>',
  'scp-timestamp': '<Unix time in ms>',
  'scp-signature': '<base64 HMAC-SHA256 of METHOD + URL + TIMESTAMP + ACCESS_KEY + ACCOUNT_ID + "Openapi">',
};

/** Returns what is wrong with a lifecycle object, or undefined when it is well formed. */
export function lifecycleProblem(lifecycle) {
  if (lifecycle === null || typeof lifecycle !== 'object') return `${LIFECYCLE} must be an object`;
  const { state, notBefore } = lifecycle;
  if (!STATES.has(state)) return `${LIFECYCLE}.state must be one of ${[...STATES].join(', ')}`;
  if (notBefore === null) {
    return state === 'CURRENT' ? undefined : `${LIFECYCLE}.notBefore is required for a ${state} version`;
  }
  if (typeof notBefore !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(notBefore)) {
    return `${LIFECYCLE}.notBefore must be null or a YYYY-MM-DD string`;
  }
  const date = new Date(`${notBefore}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== notBefore) {
    return `${LIFECYCLE}.notBefore ${notBefore} is not a calendar date`;
  }
  return undefined;
}

/** Every operation has a lifecycle: its own, or the one its version root declares. */
function OperationLifecycle() {
  let rootLifecycle;
  return {
    Root: {
      enter(root, ctx) {
        rootLifecycle = root.info?.[LIFECYCLE];
        if (rootLifecycle === undefined) return;
        const problem = lifecycleProblem(rootLifecycle);
        if (problem) ctx.report({ message: problem, location: ctx.location.child(['info', LIFECYCLE]) });
      },
    },
    Operation: {
      enter(operation, ctx) {
        const own = operation[LIFECYCLE];
        if (own === undefined && rootLifecycle === undefined) {
          ctx.report({
            message: `Operation has no lifecycle: declare info.${LIFECYCLE} in the version root (or ${LIFECYCLE} on the operation).`,
            location: ctx.location.key(),
          });
          return;
        }
        const problem = own === undefined ? undefined : lifecycleProblem(own);
        if (problem) ctx.report({ message: problem, location: ctx.location.child([LIFECYCLE]) });
      },
    },
  };
}

/** Every 4xx/5xx response's content uses the shared error envelope schema, by reference. */
function ErrorResponsesUseEnvelope() {
  return {
    Responses: {
      enter(responses, ctx) {
        for (const [status, raw] of Object.entries(responses)) {
          if (!ERROR_STATUS.test(status)) continue;
          const { node: response, location } = ctx.resolve(raw);
          const content = response?.content ?? {};
          const mediaTypes = Object.entries(content);
          if (mediaTypes.length === 0) {
            ctx.report({
              message: `Response ${status} has no content; error responses carry the SCP error envelope.`,
              location: ctx.location.child([status]).key(),
            });
          }
          for (const [mediaType, media] of mediaTypes) {
            const ref = media?.schema?.$ref;
            if (typeof ref === 'string' && ENVELOPE_REF.test(ref)) continue;
            ctx.report({
              message: `Response ${status} (${mediaType}) must reference the shared schema components/schemas/ErrorEnvelope.yaml.`,
              location: (location ?? ctx.location.child([status])).child(['content', mediaType, 'schema']),
            });
          }
        }
      },
    },
  };
}

/** The lifecycle in words: the state, its Not Before date, and what it means for a caller. */
export function lifecycleWords({ apiVersion, state, notBefore }) {
  switch (state) {
    case 'CURRENT':
      return `${apiVersion} is CURRENT: served, the newest version, no Not Before date.`;
    case 'SUPPORTED':
      return `${apiVersion} is SUPPORTED: served; Not Before ${notBefore}, the earliest date it may be deprecated.`;
    case 'DEPRECATED':
      return `${apiVersion} is DEPRECATED: Not Before ${notBefore}; from that date it is no longer served (406 NoSuchVersion).`;
    default:
      return `${apiVersion} is ${state}: not served yet${notBefore ? `; Not Before ${notBefore}` : ''}.`;
  }
}

/** The operation's facts every renderer and generated doc comment shows: IAM action, lifecycle, provenance. */
function factsText(operation, lifecycle, provenance) {
  const action = operation['x-scp-action-id'];
  const level = operation['x-scp-access-level'];
  const lines = [
    `**IAM action:** \`${action}\`${level ? ` (access level ${level})` : ''}.`,
    `**Lifecycle:** ${lifecycleWords(lifecycle)}`,
  ];
  if (provenance?.document) {
    const confirmed = provenance.confirmed?.length ? ` (confirms ske ${provenance.confirmed.join(', ')})` : '';
    lines.push(`**Provenance:** ${provenance.document}${confirmed}.${provenance.note ? ` ${provenance.note}` : ''}`);
  }
  return lines.join('\n\n');
}

/** `cluster_id` → `clusterId`: an argument's key in the generated clients (as @scp-ske/codegen names it). */
const argumentKey = (name) =>
  name.replace(/[-_ .]+([A-Za-z0-9])/g, (_, letter) => letter.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());

const shellQuoted = (text) => (/^[A-Za-z0-9_./:=,@-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/**
 * The `x-codeSamples` of one operation: TypeScript with the version's client, and `scp-ske api` (any
 * operation, signed). Arguments are the required parameters' examples and the request body's example.
 */
function codeSamples(operation, method, path, version, ctx) {
  const parameters = (operation.parameters ?? []).map((raw) => ctx.resolve(raw).node).filter(Boolean);
  const chosen = parameters.filter((parameter) => parameter.required && parameter.in !== 'header');
  const exampleOf = (parameter) => {
    const value = parameter.example ?? parameter.schema?.example;
    return Array.isArray(value) ? value : (value ?? 'VALUE');
  };
  const body = operation.requestBody && ctx.resolve(operation.requestBody).node?.content?.['application/json']?.example;
  const input = Object.fromEntries(chosen.map((parameter) => [argumentKey(parameter.name), exampleOf(parameter)]));
  if (body !== undefined) input.body = body;
  const argument = Object.keys(input).length === 0 ? '' : JSON.stringify(input, null, 2).replaceAll('\n', '\n');
  const typescript = [
    `import { createSkeClient } from '@scp-ske/client-${version}';`,
    '',
    '// Credentials: SCP_ACCESS_KEY / SCP_SECRET_KEY, else ~/.scpconf/credentials.json.',
    "const ske = createSkeClient({ region: 'kr-west1', environment: 's' });",
    `const { data } = await ske.${operation.operationId}(${argument});`,
    'console.log(data);',
  ].join('\n');
  let target = path;
  const query = [];
  for (const parameter of chosen) {
    const value = exampleOf(parameter);
    if (parameter.in === 'path') target = target.replace(`{${parameter.name}}`, String(value));
    else for (const item of [value].flat()) query.push(`--query ${shellQuoted(`${parameter.name}=${item}`)}`);
  }
  const command = ['scp-ske api', method.toUpperCase(), target, ...query, `--api-version ${version}`];
  if (body !== undefined) command.push('--body -');
  const shell =
    body === undefined ? command.join(' ') : `echo ${shellQuoted(JSON.stringify(body))} |\n  ${command.join(' ')}`;
  return [
    { lang: 'TypeScript', label: `@scp-ske/client-${version}`, source: `${typescript}\n` },
    { lang: 'Shell', label: 'scp-ske api', source: `${shell}\n` },
  ];
}

/**
 * Bundle-time decorator: copies the root's lifecycle onto every operation, narrows the
 * `Scp-Api-Version` header to this version's value (required, `const`), writes the operation's IAM
 * action, lifecycle and provenance into its description (so that every renderer and generated doc
 * comment shows them, not only our docs, which read the extensions), and adds its `x-codeSamples`:
 * TypeScript with the version's client, `scp-ske api`, and the seed's example request
 * (`x-scp-example-request`) with the version header.
 */
function VersionLifecycle({ service = 'ske' } = {}) {
  let lifecycle;
  let version;
  let path = '';
  return {
    Root: {
      enter(root) {
        const own = root.info?.[LIFECYCLE];
        if (own === undefined) return;
        version = root.info.version;
        lifecycle = { apiVersion: `${service} ${root.info.version}`, ...own };
        root.info[LIFECYCLE] = lifecycle;
      },
    },
    PathItem: {
      enter(_item, ctx) {
        path = String(ctx.key);
      },
    },
    Operation: {
      enter(operation, ctx) {
        if (!lifecycle) return;
        operation[LIFECYCLE] = { ...lifecycle };
        const provenance = ctx.resolve(operation['x-scp-provenance'] ?? null).node;
        const facts = factsText(operation, lifecycle, provenance);
        operation.description = operation.description
          ? `${operation.description.trimEnd()}\n\n${facts}\n`
          : `${facts}\n`;
        const method = String(ctx.key);
        const samples = codeSamples(operation, method, path, version, ctx);
        const example = operation['x-scp-example-request'];
        if (example) {
          example.headers = { ...example.headers, 'Scp-Api-Version': lifecycle.apiVersion };
          // The seed's signing values are an illustration: a copied signature can never be valid.
          const lines = [
            `${method.toUpperCase()} ${example.path} HTTP/1.1`,
            ...Object.entries(example.headers).map(
              ([name, value]) => `${name}: ${SIGNING_PLACEHOLDERS[name.toLowerCase()] ?? value}`,
            ),
          ];
          samples.push({ lang: 'HTTP', label: 'Request', source: `${lines.join('\n')}\n` });
        }
        operation['x-codeSamples'] = samples;
      },
    },
    Parameter: {
      enter(parameter) {
        if (!lifecycle || parameter.in !== 'header') return;
        if (String(parameter.name).toLowerCase() !== API_VERSION_HEADER) return;
        parameter.required = true;
        parameter.schema = { type: 'string', const: lifecycle.apiVersion };
        parameter.example = lifecycle.apiVersion;
      },
    },
  };
}

/** Orders two `major.minor` versions numerically (`1.10` after `1.9`). */
export function compareVersions(a, b) {
  const [aMajor, aMinor] = String(a).split('.').map(Number);
  const [bMajor, bMinor] = String(b).split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The version an `x-scp-since` / `x-scp-required-since` names: `"1.1"`, or `{ version: "1.1", strength, evidence }`. */
export const sinceVersion = (value) => (value !== null && typeof value === 'object' ? value.version : value);

const SINCE = 'x-scp-since';
const REQUIRED_SINCE = 'x-scp-required-since';
const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Leaves out of an example what its schema (already narrowed to the version) does not have, so that a
 * version's examples show exactly its own fields. Follows `$ref`s, items and the object branch of
 * `oneOf`/`anyOf`.
 */
function pruneExample(value, schemaNode, ctx, from) {
  const { node: schema, location } = ctx.resolve(schemaNode, from);
  if (!schema || value === null || typeof value !== 'object') return;
  const source = location?.source.absoluteRef ?? from;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) pruneExample(item, schema.items, ctx, source);
    return;
  }
  const branch = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].find(
    (candidate) => ctx.resolve(candidate, source).node?.properties,
  );
  if (!schema.properties && branch) return pruneExample(value, branch, ctx, source);
  if (!schema.properties) return;
  for (const key of Object.keys(value)) {
    if (!(key in schema.properties)) delete value[key];
    else pruneExample(value[key], schema.properties[key], ctx, source);
  }
}

/**
 * Bundle-time decorator: the differences between versions, written once in the shared source as data.
 * An operation or a schema property with `x-scp-since: { version, strength, evidence }` exists from that
 * version on: older versions' documents leave it out (a property also leaves their `required` list, and a
 * path left without operations leaves `paths`). A property with `x-scp-required-since` is required from
 * that version on. The markers stay in the documents that have the element, so the docs and the
 * compatibility report can show where a version differs and on what evidence.
 */
function VersionDifferences() {
  let version;
  const absent = (node) => {
    const since = sinceVersion(node?.[SINCE]);
    return since !== undefined && version !== undefined && compareVersions(version, since) < 0;
  };
  return {
    Root: {
      enter(root) {
        version = root.info?.version;
      },
    },
    Paths: {
      enter(paths, ctx) {
        for (const [path, raw] of Object.entries(paths)) {
          const item = ctx.resolve(raw).node;
          if (!item) continue;
          for (const method of OPERATION_METHODS) if (absent(item[method])) delete item[method];
          if (!OPERATION_METHODS.some((method) => item[method])) delete paths[path];
        }
      },
    },
    MediaType: {
      leave(media, ctx) {
        if (!version || media?.schema === undefined) return;
        if (media.example !== undefined) pruneExample(media.example, media.schema, ctx);
        for (const example of Object.values(media.examples ?? {})) {
          const value = ctx.resolve(example).node?.value;
          if (value !== undefined) pruneExample(value, media.schema, ctx);
        }
      },
    },
    Schema: {
      enter(schema) {
        if (!version || schema?.properties === undefined) return;
        for (const [name, property] of Object.entries(schema.properties)) {
          if (absent(property)) {
            delete schema.properties[name];
            if (Array.isArray(schema.required)) schema.required = schema.required.filter((field) => field !== name);
            continue;
          }
          const requiredSince = sinceVersion(property?.[REQUIRED_SINCE]);
          if (requiredSince !== undefined && compareVersions(version, requiredSince) >= 0) {
            schema.required = [...new Set([...(schema.required ?? []), name])];
          }
        }
      },
    },
  };
}

/**
 * Every operation says which IAM action a key needs (`x-scp-action-id`, `service:Action`) and where its
 * facts come from (`x-scp-provenance`: a source, the document, and the versions it confirms).
 */
function OperationActionAndProvenance() {
  return {
    Operation: {
      enter(operation, ctx) {
        const action = operation['x-scp-action-id'];
        if (typeof action !== 'string' || !/^[a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]*$/.test(action)) {
          ctx.report({
            message: 'Operation needs x-scp-action-id: the IAM action a key needs, e.g. ske:ListClusters.',
            location: ctx.location.key(),
          });
        }
        const provenance = ctx.resolve(operation['x-scp-provenance'] ?? null).node;
        const confirmed = provenance?.confirmed;
        if (
          typeof provenance?.source !== 'string' ||
          typeof provenance?.document !== 'string' ||
          !Array.isArray(confirmed) ||
          !confirmed.every((version) => typeof version === 'string' && /^\d+\.\d+$/.test(version))
        ) {
          ctx.report({
            message:
              'Operation needs x-scp-provenance: { source, document, confirmed: [versions the source confirms], note? }.',
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

/** Every 2xx response has an example (on the media type, or on its schema): docs show it, the emulator answers with it. */
function SuccessResponseHasExample() {
  return {
    Responses: {
      enter(responses, ctx) {
        for (const [status, raw] of Object.entries(responses)) {
          if (!/^2/.test(status)) continue;
          const { node: response, location } = ctx.resolve(raw);
          for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
            const schema = ctx.resolve(media?.schema ?? null, location?.source.absoluteRef).node;
            if (media?.example !== undefined || media?.examples !== undefined || schema?.example !== undefined)
              continue;
            ctx.report({
              message: `Response ${status} (${mediaType}) needs an example.`,
              location: ctx.location.child([status]).key(),
            });
          }
        }
      },
    },
  };
}

/** Every request body has an example: docs show it, samples and the compatibility scenarios send it. */
function RequestBodyHasExample() {
  return {
    RequestBody: {
      enter(body, ctx) {
        for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
          if (media?.example !== undefined || media?.examples !== undefined) continue;
          ctx.report({ message: `Request body (${mediaType}) needs an example.`, location: ctx.location.key() });
        }
      },
    },
  };
}

const WAITER_NAME = /^[a-z][A-Za-z0-9]*$/;
const WAITER_KEYS = new Set(['success', 'pending', 'failure', 'notFound', 'pendingHttpStatuses']);
const isStatusList = (value) => Array.isArray(value) && value.every((status) => typeof status === 'string' && status);

/** What is wrong with one waiter of `x-scp-waiters`, or undefined when it is well formed. */
export function waiterProblem(name, waiter) {
  if (!WAITER_NAME.test(name)) return `waiter ${name}: its name is a camelCase method name (clusterRunning)`;
  if (waiter === null || typeof waiter !== 'object') return `waiter ${name}: expected an object`;
  const unknown = Object.keys(waiter).find((key) => !WAITER_KEYS.has(key));
  if (unknown) return `waiter ${name}: unknown key ${unknown}; expected ${[...WAITER_KEYS].join(', ')}`;
  for (const key of ['success', 'pending', 'failure']) {
    if (waiter[key] !== undefined && !isStatusList(waiter[key])) return `waiter ${name}: ${key} is a list of statuses`;
  }
  if (waiter.notFound !== undefined && waiter.notFound !== 'success' && waiter.notFound !== 'failure') {
    return `waiter ${name}: notFound is success or failure`;
  }
  if (!(waiter.success?.length > 0) && waiter.notFound !== 'success') {
    return `waiter ${name}: needs success statuses, or notFound: success`;
  }
  const codes = waiter.pendingHttpStatuses;
  if (
    codes !== undefined &&
    !(Array.isArray(codes) && codes.every((code) => Number.isInteger(code) && code >= 400 && code <= 599))
  ) {
    return `waiter ${name}: pendingHttpStatuses is a list of HTTP error statuses (400-599)`;
  }
  return undefined;
}

/**
 * `x-scp-waiters` (what the clients' `waitUntil.<name>` poll for) sits on the GET operation that shows a
 * resource (`x-scp-resource`), and each waiter is well formed: success, pending and failure statuses
 * (`"*"` in pending: any status), what a 404 means, and the HTTP statuses that mean "still pending".
 */
function WaitersWellFormed() {
  return {
    Operation: {
      enter(operation, ctx) {
        const waiters = operation['x-scp-waiters'];
        if (waiters === undefined) return;
        const location = ctx.location.child(['x-scp-waiters']);
        if (ctx.key !== 'get' || typeof operation['x-scp-resource'] !== 'string') {
          ctx.report({
            message: 'x-scp-waiters goes on the GET operation that shows a resource (x-scp-resource).',
            location,
          });
          return;
        }
        if (waiters === null || typeof waiters !== 'object' || Array.isArray(waiters)) {
          ctx.report({ message: 'x-scp-waiters is an object of waiters by name.', location });
          return;
        }
        for (const [name, waiter] of Object.entries(waiters)) {
          const problem = waiterProblem(name, waiter);
          if (problem) ctx.report({ message: problem, location: location.child([name]) });
        }
      },
    },
  };
}

export default function scpPlugin() {
  return {
    id: 'scp',
    rules: {
      oas3: {
        'operation-lifecycle': OperationLifecycle,
        'error-responses-use-envelope': ErrorResponsesUseEnvelope,
        'operation-action-and-provenance': OperationActionAndProvenance,
        'success-response-has-example': SuccessResponseHasExample,
        'request-body-has-example': RequestBodyHasExample,
        'waiters-well-formed': WaitersWellFormed,
      },
    },
    decorators: {
      oas3: {
        'version-lifecycle': VersionLifecycle,
        'version-differences': VersionDifferences,
      },
    },
  };
}
