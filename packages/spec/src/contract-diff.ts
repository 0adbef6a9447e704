/**
 * The cross-version contract comparison. Versions differ only where the shared source says so, as
 * data: `x-scp-since: { version, strength, evidence }` on an operation or a schema property (it exists
 * from that version on) and `x-scp-required-since` on a property (required from that version on).
 * `declaredDifferences` lists them; `contractDifferences` compares each version's document, less what
 * is legitimately its own (its version number and lifecycle), with the reference document narrowed to
 * that version by the same rules the bundler applies, so that what it finds are the UNEXPLAINED
 * differences (JSON pointer, both values). The compatibility app and the docs index both use this.
 */
import type { OpenApiDocument } from './index.js';

export interface ContractDifference {
  version: string;
  reference: string;
  /** JSON pointer into the normalized document. */
  pointer: string;
  /** The reference version's value, narrowed to this version (undefined: absent there). */
  expected: unknown;
  /** This version's value (undefined: absent here). */
  actual: unknown;
}

/** One difference between versions that the shared source declares, with its evidence. */
export interface DeclaredDifference {
  /** `added`: the operation or property exists from `version` on; `required`: the property is required from then on. */
  change: 'added' | 'required';
  /** The operationId, when an operation is declared. */
  operation?: string;
  /** The title of the schema whose property is declared. */
  schema?: string;
  /** The declared property's name. */
  property?: string;
  /** The version it is added in, or required from. */
  version: string;
  /** How sure the source is: `strong`, `medium` or `weak`. */
  strength?: string;
  /** What the source rests on. */
  evidence?: string;
  /** The newest given version whose document has the element. */
  document: string;
  /** Where the element first is in that document (JSON pointer). */
  pointer: string;
  /** The operations whose description has the element (an operation: itself), in document order. */
  operations: string[];
  /** The given versions that lack it (do not have it, or do not require it), oldest first. */
  lacking: string[];
}

const SINCE = 'x-scp-since';
const REQUIRED_SINCE = 'x-scp-required-since';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Keys under which a document holds values, never schemas: not walked for schemas. */
const VALUE_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum']);
const PER_VERSION_OPERATION_KEYS = ['x-scp-lifecycle', 'x-codeSamples'];
const LIFECYCLE_PARAGRAPH = /\n\*\*Lifecycle:\*\* [^\n]*\n/;
const API_VERSION_HEADER = 'scp-api-version';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface Marker {
  version: string;
  strength?: string;
  evidence?: string;
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Orders two `major.minor` versions numerically (`1.10` after `1.9`). */
function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** A marker's data: `"1.1"` or `{ version: "1.1", strength, evidence }`; undefined when there is none. */
function markerOf(value: Json | undefined): Marker | undefined {
  if (typeof value === 'string') return { version: value };
  if (!isObject(value) || typeof value.version !== 'string') return undefined;
  const { version, strength, evidence } = value;
  return {
    version,
    ...(typeof strength === 'string' && { strength }),
    ...(typeof evidence === 'string' && { evidence }),
  };
}

/** Whether the element a marker is on is newer than `version`. */
const after = (marker: Marker | undefined, version: string) =>
  marker !== undefined && compareVersions(version, marker.version) < 0;

/** A schema's properties, or those of its first `oneOf`/`anyOf` branch that has some. */
function propertiesOf(schema: JsonObject): JsonObject | undefined {
  if (isObject(schema.properties)) return schema.properties;
  const branches = [schema.oneOf, schema.anyOf].flatMap((list) => (Array.isArray(list) ? list : []));
  const branch = branches.find((candidate) => isObject(candidate) && isObject(candidate.properties));
  return isObject(branch) ? (branch.properties as JsonObject) : undefined;
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Calls `visit` on every schema with `properties` in `node` (values such as examples are not walked), with its pointer. */
function forEachSchema(node: Json, pointer: string, visit: (schema: JsonObject, pointer: string) => void): void {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) forEachSchema(item, `${pointer}/${index}`, visit);
    return;
  }
  if (!isObject(node)) return;
  if (isObject(node.properties)) visit(node, pointer);
  for (const [key, value] of Object.entries(node)) {
    if (!VALUE_KEYS.has(key)) forEachSchema(value, `${pointer}/${escapePointer(key)}`, visit);
  }
}

/** Calls `visit` on every media type object (`content/<type>` with a schema) in `node`. */
function forEachMediaType(node: Json, visit: (media: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) forEachMediaType(item, visit);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYS.has(key)) continue;
    if (key === 'content' && isObject(value)) {
      for (const media of Object.values(value)) if (isObject(media) && media.schema !== undefined) visit(media);
    }
    forEachMediaType(value, visit);
  }
}

/**
 * Leaves out of a JSON value (in place) what its schema does not have: an object keeps only the keys
 * of its schema's properties (or of the first `oneOf`/`anyOf` branch with properties), items follow
 * `items`. The bundler's rule for examples (`pruneExample` in spec/plugins/scp.js), on a dereferenced schema.
 */
export function pruneToSchema(value: unknown, schema: unknown): void {
  if (!isObject(schema) || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.items !== undefined) for (const item of value) pruneToSchema(item, schema.items);
    return;
  }
  const properties = propertiesOf(schema);
  if (!properties) return;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(key in properties)) delete object[key];
    else pruneToSchema(object[key], properties[key]);
  }
}

/**
 * A copy of a dereferenced document as it is for `version`, by the bundler's rules: operations and
 * properties with an `x-scp-since` after it left out (a property also leaves `required`, a path left
 * without operations leaves `paths`), properties with a later `x-scp-required-since` not required (an
 * emptied `required` removed), and every request and response example pruned to the narrowed schemas.
 */
export function narrowContract(document: OpenApiDocument, version: string): OpenApiDocument {
  const copy = structuredClone(document) as OpenApiDocument & JsonObject;
  const paths = copy.paths as Record<string, JsonObject>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of Object.keys(item)) {
      if (HTTP_METHODS.has(method) && after(markerOf((item[method] as JsonObject)[SINCE]), version))
        delete item[method];
    }
    if (!Object.keys(item).some((method) => HTTP_METHODS.has(method))) delete paths[path];
  }
  forEachSchema(copy, '', (schema) => {
    const properties = schema.properties as JsonObject;
    const marker = (name: Json, key: string) => {
      const property = properties[String(name)];
      return isObject(property) ? markerOf(property[key]) : undefined;
    };
    const required = Array.isArray(schema.required) ? schema.required : undefined;
    // A list the source wrote stays, even emptied; one only `x-scp-required-since` made goes with its entries.
    const written = required?.some((name) => marker(name, REQUIRED_SINCE) === undefined);
    const dropped = Object.keys(properties).filter((name) => after(marker(name, SINCE), version));
    const kept = required?.filter(
      (name) => !dropped.includes(String(name)) && !after(marker(name, REQUIRED_SINCE), version),
    );
    for (const name of dropped) delete properties[name];
    if (!kept) return;
    if (kept.length > 0 || written) schema.required = kept;
    else delete schema.required;
  });
  forEachMediaType(copy, (media) => {
    if (media.example !== undefined) pruneToSchema(media.example, media.schema);
    for (const example of Object.values(isObject(media.examples) ? media.examples : {})) {
      if (isObject(example) && example.value !== undefined) pruneToSchema(example.value, media.schema);
    }
  });
  return copy;
}

/** A copy without `info` (the version and its lifecycle) and without per-version operation details. */
export function normalizeContract(document: OpenApiDocument): Json {
  const copy = structuredClone(document) as { [key: string]: Json };
  delete copy.info;
  for (const item of Object.values((copy.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(item)) {
      if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) continue;
      for (const key of PER_VERSION_OPERATION_KEYS) delete operation[key];
      // The bundle writes the version's lifecycle into each operation's description, one paragraph.
      if (typeof operation.description === 'string')
        operation.description = operation.description.replace(LIFECYCLE_PARAGRAPH, '');
      const example = operation['x-scp-example-request'] as { headers?: Record<string, Json> } | undefined;
      if (example?.headers) delete example.headers['Scp-Api-Version'];
      for (const parameter of (operation.parameters ?? []) as { [key: string]: Json }[]) {
        if (String(parameter.name).toLowerCase() !== API_VERSION_HEADER) continue;
        delete parameter.schema;
        delete parameter.example;
      }
    }
  }
  const parameters = (copy.components as { parameters?: Record<string, { [key: string]: Json }> } | undefined)
    ?.parameters;
  for (const parameter of Object.values(parameters ?? {})) {
    if (String(parameter.name).toLowerCase() !== API_VERSION_HEADER) continue;
    delete parameter.schema;
    delete parameter.example;
  }
  return copy;
}

function diff(
  expected: Json | undefined,
  actual: Json | undefined,
  pointer: string,
  out: [string, unknown, unknown][],
): void {
  const bothObjects =
    expected !== null &&
    actual !== null &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push([pointer || '/', expected, actual]);
    return;
  }
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  for (const key of keys) {
    diff(
      (expected as Record<string, Json>)[key],
      (actual as Record<string, Json>)[key],
      `${pointer}/${escapePointer(key)}`,
      out,
    );
  }
}

/**
 * The differences of every version from `reference` (default: the last, i.e. newest, document given)
 * narrowed to that version: what neither the version's own number and lifecycle nor a declared
 * difference (`declaredDifferences`) explains. None is expected.
 */
export function contractDifferences(
  documents: Readonly<Record<string, OpenApiDocument>>,
  reference: string = Object.keys(documents).at(-1) as string,
): ContractDifference[] {
  const base = documents[reference];
  if (!base) throw new RangeError(`contractDifferences: no document for the reference version ${reference}`);
  const differences: ContractDifference[] = [];
  for (const [version, document] of Object.entries(documents)) {
    if (version === reference) continue;
    const found: [string, unknown, unknown][] = [];
    diff(normalizeContract(narrowContract(base, version)), normalizeContract(document), '', found);
    for (const [pointer, expected, actual] of found)
      differences.push({ version, reference, pointer, expected, actual });
  }
  return differences;
}

/** The operationId a pointer into `paths` is under (`/paths/<path>/<method>/…`), if any. */
function operationAt(document: OpenApiDocument, pointer: string): string | undefined {
  const [, root, path, method] = pointer.split('/');
  if (root !== 'paths' || path === undefined || method === undefined) return undefined;
  const key = path.replaceAll('~1', '/').replaceAll('~0', '~');
  return (document.paths[key]?.[method] as { operationId?: string } | undefined)?.operationId;
}

/**
 * Every element any of the documents (dereferenced, by version) declares with `x-scp-since` or
 * `x-scp-required-since`: each operation, and each schema property (by schema title and property
 * name, wherever the schema is used), once per marker, with its evidence, the newest version whose
 * document has it and where, the operations it is part of, and the given versions that lack it.
 * Ordered by version, then as the newest document has them (operations first).
 */
export function declaredDifferences(documents: Readonly<Record<string, OpenApiDocument>>): DeclaredDifference[] {
  const versions = Object.keys(documents).sort(compareVersions);
  const found = new Map<string, DeclaredDifference>();
  const declare = (
    key: string,
    marker: Marker,
    where: Pick<DeclaredDifference, 'change' | 'operation' | 'schema' | 'property' | 'document' | 'pointer'>,
    operation: string | undefined,
  ) => {
    const known = found.get(key);
    if (known) {
      if (known.document === where.document && operation && !known.operations.includes(operation))
        known.operations.push(operation);
      return;
    }
    const { change, document, pointer, ...named } = where;
    found.set(key, {
      change,
      ...named,
      ...marker,
      document,
      pointer,
      operations: operation ? [operation] : [],
      lacking: versions.filter((version) => compareVersions(version, marker.version) < 0),
    });
  };
  for (const version of [...versions].reverse()) {
    const document = documents[version] as OpenApiDocument;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const marker = HTTP_METHODS.has(method) ? markerOf((operation as JsonObject)[SINCE]) : undefined;
        const id = (operation as { operationId?: string }).operationId;
        if (!marker || !id) continue;
        const pointer = `/paths/${escapePointer(path)}/${method}`;
        declare(`operation ${id}`, marker, { change: 'added', operation: id, document: version, pointer }, id);
      }
    }
    forEachSchema(document as unknown as Json, '', (schema, at) => {
      const title = typeof schema.title === 'string' ? schema.title : '(untitled)';
      for (const [name, property] of Object.entries(schema.properties as JsonObject)) {
        if (!isObject(property)) continue;
        const pointer = `${at}/properties/${escapePointer(name)}`;
        const operation = operationAt(document, pointer);
        const named = { schema: title, property: name, document: version, pointer };
        const since = markerOf(property[SINCE]);
        if (since) declare(`added ${title}.${name}`, since, { change: 'added', ...named }, operation);
        const required = markerOf(property[REQUIRED_SINCE]);
        if (required) declare(`required ${title}.${name}`, required, { change: 'required', ...named }, operation);
      }
    });
  }
  return [...found.values()].sort((a, b) => compareVersions(a.version, b.version));
}

/** One line for a declared difference, e.g. `Cluster.service_watch_logging_enabled: added in ske 1.1`. */
export function describeDeclaredDifference(difference: DeclaredDifference): string {
  const what = difference.operation ?? `${difference.schema}.${difference.property}`;
  const change = difference.change === 'added' ? 'added in' : 'required from';
  return `${what}: ${change} ske ${difference.version}`;
}
