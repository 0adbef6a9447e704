// @ts-check
/**
 * The model every renderer reads: @scp-ske/spec's manifest and each version's documents turned into
 * plain data, one client per version (its contract, and its operations with what the runtime, the
 * types and the README need). Pure: no I/O, no knowledge of any operation by name; adding an
 * operation to the spec adds a row to `operations`, adding a version adds a client.
 */

/**
 * @typedef {Record<string, any>} OpenApiDocument A bundled or dereferenced OpenAPI 3.1 document.
 */
/**
 * @typedef {{ version: string, apiVersion: string, state: string, notBefore: string | null,
 *   files: { bundled: { json: string }, dereferenced: { json: string } } }} VersionEntry
 *   One version of `versions.json` (its other fields are not read here).
 */
/**
 * @typedef {{ service: string, current: string, versions: VersionEntry[] }} Manifest `versions.json`.
 */
/**
 * @typedef {{ bundled: OpenApiDocument, dereferenced: OpenApiDocument }} VersionDocuments
 */
/**
 * @typedef {{ [keyword: string]: unknown, items?: ArgumentSchema, anyOf?: ArgumentSchema[], oneOf?: ArgumentSchema[] }} ArgumentSchema
 *   The schema constraints the runtime checks an argument with.
 */
/**
 * @typedef {object} Parameter An argument of an operation, as the runtime reads it.
 * @property {string} key The name in camelCase: the argument's key.
 * @property {string} name The name on the wire.
 * @property {'path' | 'query' | 'header'} in
 * @property {true} [required]
 * @property {ArgumentSchema} schema
 * @property {string} [example] The spec's example, where the schema has a pattern (it makes the argument error specific).
 */
/**
 * @typedef {{ source: string, confirmed?: string[] }} Provenance `x-scp-provenance`.
 */
/**
 * @typedef {object} RequestBody An operation's request body, as the runtime sends it.
 * @property {string} contentType The media type it is sent as (the first the spec lists), e.g. `application/json`.
 * @property {true} [required]
 */
/**
 * @typedef {object} Sample An operation's required arguments, from the spec's examples.
 * @property {Record<string, unknown>} input As a method takes them, by key (a request body as `body`).
 * @property {Partial<Record<Parameter['in'], Record<string, unknown>>>} params As openapi-fetch takes them, by wire name.
 * @property {unknown} [body] The request body's example, as openapi-fetch takes it.
 */
/**
 * @typedef {object} Operation
 * @property {string} id The operationId: the client's method name.
 * @property {string} method Upper case, e.g. `GET`.
 * @property {string} path The path template, e.g. `/v1/clusters/{cluster_id}`.
 * @property {Parameter[]} parameters Path, query and own header parameters, in the spec's order.
 * @property {RequestBody} [body] The request body, when the operation takes one.
 * @property {{ status: number, contentType: string }} success The first 2xx answer; `contentType` is '' without a body.
 * @property {string} [convenience] The kubeconfig method built on it (`x-scp-convenience`).
 * @property {{ items: string }} [pagination] A list that pages (`x-scp-pagination`): the property holding its items.
 * @property {string} [resource] The resource a show operation answers with (`x-scp-resource`), when it has waiters.
 * @property {Record<string, Waiter>} [waiters] What `waitUntil.<name>` polls this operation for (`x-scp-waiters`).
 * @property {string} [summary]
 * @property {string} [actionId] `x-scp-action-id`, e.g. `ske:ShowCluster`.
 * @property {Provenance} [provenance]
 * @property {Sample} sample
 */
/**
 * @typedef {object} Waiter One waiter of `x-scp-waiters`: the statuses it stops on, waits through, fails on.
 * @property {string[]} [success]
 * @property {string[]} [pending] `"*"`: any status that is neither success nor failure.
 * @property {string[]} [failure]
 * @property {'success' | 'failure'} [notFound] What a 404 means (`success`: the resource is gone).
 * @property {number[]} [pendingHttpStatuses] Error statuses that mean the change is still under way.
 */
/**
 * @typedef {object} Contract What a version's client embeds: its lifecycle and server template.
 * @property {string} service
 * @property {string} version
 * @property {string} apiVersion
 * @property {string} state
 * @property {string | null} notBefore
 * @property {{ version: string, apiVersion: string, package: string }} current
 * @property {{ url: string, regions: Record<string, string[]> }} server
 */
/**
 * @typedef {object} Client One version's client package.
 * @property {string} version e.g. `1.3`.
 * @property {string} apiVersion e.g. `ske 1.3`.
 * @property {string} state
 * @property {string | null} notBefore
 * @property {string} packageName The npm name, `client-<version>` in the project's scope.
 * @property {string} source The bundled JSON document, relative to the spec package, e.g. `openapi/ske-1.3.json`.
 * @property {Contract} contract
 * @property {Operation[]} operations
 * @property {OpenApiDocument} document The bundled document: what the `paths`/`operations` types are made from.
 */
/**
 * @typedef {{ service: string, clients: Client[] }} Model
 */

/** Headers the client sets itself (the version's own, and the `language` option): never method arguments. */
export const MANAGED_HEADERS = new Set(['scp-api-version', 'accept-language']);

/** The JSON Schema keywords the runtime checks arguments with (packages/client/src/check-argument.ts). */
export const ARGUMENT_KEYWORDS = [
  'type',
  'const',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
];

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** @param {string} version */
export const packageName = (version) => `@scp-ske/client-${version}`;

/**
 * `cluster_id` → `clusterId`, `X-Trace-Id` → `xTraceId`.
 * @param {string} name
 */
export const camelCase = (name) =>
  name.replace(/[-_ .]+([A-Za-z0-9])/g, (_, letter) => letter.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());

/** @param {string} contentType */
export const isJson = (contentType) => /json/i.test(contentType);

/**
 * The schema constraints of a parameter the runtime checks, recursively through items and anyOf/oneOf.
 * @param {Record<string, any>} [schema]
 * @returns {ArgumentSchema}
 */
export function argumentSchema(schema = {}) {
  /** @type {ArgumentSchema} */
  const out = {};
  for (const keyword of ARGUMENT_KEYWORDS) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  if (schema.items) out.items = argumentSchema(schema.items);
  for (const keyword of /** @type {const} */ (['anyOf', 'oneOf'])) {
    if (schema[keyword]) out[keyword] = schema[keyword].map(argumentSchema);
  }
  return out;
}

/**
 * The arguments of an operation: path-level then its own parameters, without cookies and managed headers.
 * @param {Record<string, any>[]} parameters
 * @returns {{ parameter: Parameter, sample: unknown }[]}
 */
function argumentsOf(parameters) {
  return parameters
    .filter((parameter) => parameter.in !== 'cookie')
    .filter((parameter) => !(parameter.in === 'header' && MANAGED_HEADERS.has(parameter.name.toLowerCase())))
    .map((parameter) => ({
      parameter: {
        key: camelCase(parameter.name),
        name: parameter.name,
        in: parameter.in,
        ...(parameter.required && { required: /** @type {const} */ (true) }),
        schema: argumentSchema(parameter.schema),
        ...(parameter.schema?.pattern !== undefined &&
          parameter.example !== undefined && { example: parameter.example }),
      },
      sample: parameter.example ?? parameter.schema?.example,
    }));
}

/**
 * The required arguments, from the spec's examples: as a method and as openapi-fetch take them.
 * @param {{ parameter: Parameter, sample: unknown }[]} args
 * @returns {Sample}
 */
function sampleOf(args) {
  /** @type {Sample} */
  const sample = { input: {}, params: {} };
  for (const { parameter, sample: value } of args) {
    if (!parameter.required) continue;
    sample.input[parameter.key] = value;
    sample.params[parameter.in] = { ...sample.params[parameter.in], [parameter.name]: value };
  }
  return sample;
}

/**
 * An operation's request body: the media type it is sent as and whether it is required. The runtime
 * sends JSON; a body of another media type is refused, as is one without an example (the samples and
 * the docs need one).
 * @param {string | undefined} version
 * @param {string} id
 * @param {Record<string, any> | undefined} requestBody
 * @returns {RequestBody | undefined}
 */
export function requestBodyOf(version, id, requestBody) {
  if (!requestBody) return undefined;
  const [contentType] = Object.keys(requestBody.content ?? {});
  if (!contentType || !isJson(contentType)) {
    throw new Error(`${version}: ${id} has a request body that is not JSON (${contentType ?? 'no media type'})`);
  }
  if (requestBody.content[contentType].example === undefined) {
    throw new Error(`${version}: ${id} has a request body without an example`);
  }
  return { contentType, ...(requestBody.required && { required: /** @type {const} */ (true) }) };
}

/** The parameters a list that pages takes, by wire name. */
export const PAGING_PARAMETERS = ['page', 'size'];

/**
 * `x-scp-pagination` of a list, checked: the runtime pages with `page` and `size` and reads the items' array.
 * @param {string | undefined} version
 * @param {string} id
 * @param {Record<string, any>} operation
 * @param {Parameter[]} parameters
 * @returns {{ items: string } | undefined}
 */
export function paginationOf(version, id, operation, parameters) {
  const pagination = operation['x-scp-pagination'];
  if (pagination === undefined) return undefined;
  if (typeof pagination?.items !== 'string') throw new Error(`${version}: ${id} has x-scp-pagination without items`);
  for (const name of PAGING_PARAMETERS) {
    if (!parameters.some((parameter) => parameter.name === name && parameter.in === 'query')) {
      throw new Error(`${version}: ${id} has x-scp-pagination but no ${name} query parameter`);
    }
  }
  return { items: pagination.items };
}

/**
 * `x-scp-waiters` of a show operation (the redocly rule `scp/waiters-well-formed` checks their shape),
 * with the resource its answer holds them in.
 * @param {string | undefined} version
 * @param {string} id
 * @param {Record<string, any>} operation
 * @returns {{ resource: string, waiters: Record<string, Waiter> } | undefined}
 */
export function waitersOf(version, id, operation) {
  const waiters = operation['x-scp-waiters'];
  if (waiters === undefined) return undefined;
  const resource = operation['x-scp-resource'];
  if (typeof resource !== 'string') throw new Error(`${version}: ${id} has x-scp-waiters but no x-scp-resource`);
  return { resource, waiters };
}

/**
 * Every operation of a dereferenced document, in path order. Throws on what the runtime cannot call
 * (a request body that is not JSON) and on what the spec must not say (no 2xx answer, a convenience on JSON).
 * @param {OpenApiDocument} document
 * @returns {Operation[]}
 */
export function operationsOf(document) {
  const version = document.info?.version;
  /** @type {Operation[]} */
  const found = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const id = operation.operationId;
      const body = requestBodyOf(version, id, operation.requestBody);
      const [status, response] = Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
      if (!status) throw new Error(`${version}: ${id} declares no 2xx response`);
      const [contentType = ''] = Object.keys(response.content ?? {});
      const convenience = operation['x-scp-convenience'];
      if (convenience && isJson(contentType)) {
        throw new Error(`${version}: ${id} has x-scp-convenience but a JSON body; a kubeconfig is text`);
      }
      const args = argumentsOf([...(item.parameters ?? []), ...(operation.parameters ?? [])]);
      const parameters = args.map(({ parameter }) => parameter);
      const pagination = paginationOf(version, id, operation, parameters);
      const waiting = waitersOf(version, id, operation);
      const sample = sampleOf(args);
      if (body) {
        const example = operation.requestBody.content[body.contentType].example;
        sample.input.body = example;
        sample.body = example;
      }
      found.push({
        id,
        method: method.toUpperCase(),
        path,
        parameters,
        ...(body && { body }),
        success: { status: Number(status), contentType },
        ...(convenience && { convenience }),
        ...(pagination && { pagination }),
        ...waiting,
        summary: operation.summary,
        actionId: operation['x-scp-action-id'],
        provenance: operation['x-scp-provenance'],
        sample,
      });
    }
  }
  return found;
}

/**
 * A version's contract: its lifecycle (from the manifest) and server template (from its bundled document).
 * @param {Manifest} manifest
 * @param {VersionEntry} entry
 * @param {OpenApiDocument} document
 * @returns {Contract}
 */
export function contractOf(manifest, entry, document) {
  const [server] = document.servers ?? [];
  if (!server) throw new Error(`${entry.version}: the document declares no server`);
  const current = manifest.versions.find((candidate) => candidate.version === manifest.current);
  if (!current) throw new Error(`versions.json: the current version ${manifest.current} is not among its versions`);
  return {
    service: manifest.service,
    version: entry.version,
    apiVersion: entry.apiVersion,
    state: entry.state,
    notBefore: entry.notBefore,
    current: { version: current.version, apiVersion: current.apiVersion, package: packageName(current.version) },
    server: { url: server.url, regions: server['x-scp-regions'] },
  };
}

/**
 * The model of every version's client.
 * @param {Manifest} manifest
 * @param {Record<string, VersionDocuments>} documents By version (`'1.3'`).
 * @returns {Model}
 */
export function buildModel(manifest, documents) {
  const clients = manifest.versions.map((entry) => {
    const forms = documents[entry.version];
    if (!forms) throw new Error(`${entry.version}: no documents were given for this version`);
    return {
      version: entry.version,
      apiVersion: entry.apiVersion,
      state: entry.state,
      notBefore: entry.notBefore,
      packageName: packageName(entry.version),
      source: entry.files.bundled.json,
      contract: contractOf(manifest, entry, forms.bundled),
      operations: operationsOf(forms.dereferenced),
      document: forms.bundled,
    };
  });
  return { service: manifest.service, clients };
}
