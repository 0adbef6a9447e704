/**
 * The operations the scenarios run, per version, derived and never listed by hand: each version's
 * generated operation table (`OPERATIONS`: method, path, argument keys and schemas, success answer,
 * convenience) joined, by operationId, with its dereferenced document (summary, IAM action,
 * provenance, parameter and request body examples, documented statuses, what it changes). From an
 * operation alone this module derives what the generic scenarios send: the required arguments and the
 * request body (the spec's examples), a malformed argument (a value its schema refuses), a body
 * without a field its schema requires, and an unknown resource (a well-formed path value no fixture uses).
 */
import { type ArgumentSchema, conforms, type OperationTable, type ParameterSpec } from '@scp-ske/client';
import type { OpenApiDocument } from '@scp-ske/spec';

/** `x-scp-provenance`: where an operation's description comes from, and which versions it confirms. */
export interface Provenance {
  source: string;
  document: string;
  confirmed: string[];
  note?: string;
}

export interface CompatParameter extends ParameterSpec {
  /** The spec's example of the parameter: what the scenarios send for it. */
  readonly sample?: unknown;
}

/** `x-scp-state-change`: what a mutation does to its resource, and the statuses it goes through. */
export interface StateChange {
  /** `cluster`, `nodepool`: the `x-scp-resource` of the operation that shows it. */
  resource: string;
  kind: 'create' | 'update' | 'delete';
  /** The status while the change is under way (`CREATING`, `ScalingUp`); absent when it is immediate. */
  during?: string;
  /** The status when shrinking, where it differs (`ScalingDown`). */
  duringWhenShrinking?: string;
  /** The status once done (`RUNNING`); absent for a deletion (the resource goes) and an immediate change. */
  settles?: string;
  /** Which field of the resource takes which field of the request body (`vpc.id: vpc_id`). */
  sets?: Record<string, string>;
}

/** The request body an operation takes. */
export interface CompatBody {
  readonly contentType: string;
  readonly required: boolean;
  /** Its schema, as the version describes it. */
  readonly schema?: unknown;
  /** The spec's example: what the scenarios send. */
  readonly sample?: unknown;
}

export interface CompatOperation {
  /** The operationId: the client's method name. */
  readonly id: string;
  /** The spec's summary, e.g. `Show Cluster`. */
  readonly title: string;
  readonly method: string;
  readonly path: string;
  /** Its arguments (path, query and its own headers), in the spec's order. */
  readonly parameters: readonly CompatParameter[];
  readonly success: { readonly status: number; readonly contentType: string };
  /** The JSON schema of its success answer, as the version describes it. */
  readonly answerSchema?: unknown;
  readonly body?: CompatBody;
  /** What it changes (`x-scp-state-change`); absent for an operation that only reads. */
  readonly stateChange?: StateChange;
  /** The resource it shows (`x-scp-resource`: `cluster`), for the operation that shows one by id. */
  readonly resource?: string;
  /** The array of the answer that holds a list operation's items (`x-scp-pagination.items`). */
  readonly items?: string;
  readonly convenience?: string;
  /** `x-scp-action-id`, e.g. `ske:ShowCluster`. */
  readonly actionId?: string;
  readonly provenance?: Provenance;
  /** The statuses its responses document, e.g. `['200', '400', '404']`. */
  readonly statuses: readonly string[];
  /** False when the version's generated client has no method for it (its table is older than its document). */
  readonly inClient: boolean;
}

/** Every selected version's operations, by version (`'1.3'`), in the spec's order. */
export type OperationCatalog = Record<string, readonly CompatOperation[]>;

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

interface DocumentParameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  schema?: { example?: unknown; examples?: unknown[] } & Record<string, unknown>;
}

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface DocumentOperation {
  operationId: string;
  summary?: string;
  parameters?: DocumentParameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, { content?: Record<string, MediaType> }>;
  'x-scp-action-id'?: string;
  'x-scp-provenance'?: Provenance;
  'x-scp-convenience'?: string;
  'x-scp-state-change'?: StateChange;
  'x-scp-resource'?: string;
  'x-scp-pagination'?: { items?: string };
}

/** A media type's example: its `example`, else its first named example's value. */
function mediaExample(media: MediaType | undefined): unknown {
  if (media?.example !== undefined) return media.example;
  return Object.values(media?.examples ?? {}).find((example) => example.value !== undefined)?.value;
}

/** The request body: the generated table's, with the document's schema and example for its media type. */
function bodyOf(operation: DocumentOperation, table: CompatBody | undefined): CompatBody | undefined {
  const content = operation.requestBody?.content ?? {};
  const contentType = table?.contentType ?? Object.keys(content)[0];
  if (contentType === undefined) return undefined;
  const media = content[contentType];
  const sample = mediaExample(media);
  return {
    contentType,
    required: table?.required ?? operation.requestBody?.required === true,
    ...(media?.schema !== undefined && { schema: media.schema }),
    ...(sample !== undefined && { sample: structuredClone(sample) }),
  };
}

function exampleOf(parameter: DocumentParameter | undefined): unknown {
  if (!parameter) return undefined;
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {}).find((example) => example.value !== undefined);
  if (named) return named.value;
  return parameter.schema?.example ?? parameter.schema?.examples?.[0];
}

/** A version's operations: its generated table joined with its dereferenced document, in the document's order. */
export function catalogOf(table: OperationTable, document: OpenApiDocument): CompatOperation[] {
  const found: CompatOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters ?? []) as DocumentParameter[];
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = value as DocumentOperation;
      const documented = [...shared, ...(operation.parameters ?? [])];
      const spec = table[operation.operationId];
      const [status = '200', response] =
        Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
      const parameters: CompatParameter[] = (
        spec?.parameters ??
        documented
          .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
          .map((parameter) => ({
            key: parameter.name,
            name: parameter.name,
            in: parameter.in as 'path' | 'query',
            ...(parameter.required && { required: true }),
            schema: (parameter.schema ?? {}) as ArgumentSchema,
          }))
      ).map((parameter) => {
        const sample = exampleOf(documented.find((one) => one.name === parameter.name && one.in === parameter.in));
        return sample === undefined ? { ...parameter } : { ...parameter, sample };
      });
      const convenience = spec?.convenience ?? operation['x-scp-convenience'];
      const body = bodyOf(operation, spec?.body && { required: false, ...spec.body });
      const success = spec?.success ?? {
        status: Number(status),
        contentType: Object.keys(response?.content ?? {})[0] ?? '',
      };
      const answerSchema = operation.responses?.[String(success.status)]?.content?.[success.contentType]?.schema;
      const items = operation['x-scp-pagination']?.items;
      found.push({
        id: operation.operationId,
        title: operation.summary ?? operation.operationId,
        method: spec?.method ?? method.toUpperCase(),
        path: spec?.path ?? path,
        parameters,
        success,
        ...(answerSchema !== undefined && { answerSchema }),
        ...(body && { body }),
        ...(operation['x-scp-state-change'] && { stateChange: operation['x-scp-state-change'] }),
        ...(operation['x-scp-resource'] && { resource: operation['x-scp-resource'] }),
        ...(items && { items }),
        ...(convenience && { convenience }),
        ...(operation['x-scp-action-id'] && { actionId: operation['x-scp-action-id'] }),
        ...(operation['x-scp-provenance'] && { provenance: operation['x-scp-provenance'] }),
        statuses: Object.keys(operation.responses ?? {}),
        inClient: spec !== undefined,
      });
    }
  }
  return found;
}

/** A required argument's value when the spec gives no example: its default, const or first enum value. */
function sampleOf(parameter: CompatParameter): unknown {
  const schema = parameter.schema as ArgumentSchema & { default?: unknown };
  return parameter.sample ?? schema.default ?? schema.const ?? schema.enum?.[0];
}

/**
 * The required arguments, from the spec's examples (`{ clusterId, kubeconfigType }`), and the request
 * body's example as `body` (a copy: a scenario may change it), or which one has none.
 */
export function exampleInput(operation: CompatOperation): { input?: Record<string, unknown>; missing?: string } {
  const input: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (!parameter.required) continue;
    const value = sampleOf(parameter);
    if (value === undefined) return { missing: parameter.name };
    input[parameter.key] = value;
  }
  const { body } = operation;
  if (body?.sample !== undefined) input.body = structuredClone(body.sample);
  else if (body?.required) return { missing: 'the request body' };
  return { input };
}

/**
 * A body its schema refuses: the example without the first field the schema requires (`{ field,
 * body }`); undefined when the operation takes no body or its schema requires no field.
 */
export function bodyWithoutRequired(operation: CompatOperation): { field: string; body: object } | undefined {
  const { body } = operation;
  const required = (body?.schema as { required?: unknown } | undefined)?.required;
  if (!body || body.sample === null || typeof body.sample !== 'object' || !Array.isArray(required)) return undefined;
  const [field] = required as string[];
  if (field === undefined) return undefined;
  const { [field]: _left, ...rest } = body.sample as Record<string, unknown>;
  return { field, body: structuredClone(rest) };
}

/** The same arguments by wire name and location, as openapi-fetch's `params` take them. */
export function rawParams(operation: CompatOperation, input: Record<string, unknown>) {
  const params: Record<'path' | 'query' | 'header', Record<string, unknown>> = { path: {}, query: {}, header: {} };
  for (const parameter of operation.parameters) {
    if (input[parameter.key] !== undefined) params[parameter.in][parameter.name] = input[parameter.key];
  }
  return params;
}

/** Whether `value` has a type the schema allows (so that only a constraint, not the type, refuses it). */
function typeAllows(value: unknown, schema: ArgumentSchema): boolean {
  return schema.type === undefined || conforms(value, { type: schema.type });
}

/** Values that break each constraint of a schema, with what they break, in the order they are tried. */
function breakingCandidates(schema: ArgumentSchema): { value: unknown; breaks: string }[] {
  const candidates: { value: unknown; breaks: string }[] = [];
  if (schema.pattern !== undefined) {
    for (const value of ['Not-Valid!', '', '#']) candidates.push({ value, breaks: `its pattern ${schema.pattern}` });
  }
  const listed = schema.enum ?? ('const' in schema ? [schema.const] : undefined);
  if (listed) {
    const breaks = schema.enum ? 'its enum' : 'its const';
    candidates.push({ value: `not-${listed.map(String).join('-or-')}`, breaks });
    const numbers = listed.filter((item): item is number => typeof item === 'number');
    if (numbers.length > 0) candidates.push({ value: Math.max(...numbers) + 1, breaks });
  }
  if (schema.minimum !== undefined)
    candidates.push({ value: schema.minimum - 1, breaks: `its minimum ${schema.minimum}` });
  if (schema.exclusiveMinimum !== undefined)
    candidates.push({ value: schema.exclusiveMinimum, breaks: `its exclusive minimum ${schema.exclusiveMinimum}` });
  if (schema.maximum !== undefined)
    candidates.push({ value: schema.maximum + 1, breaks: `its maximum ${schema.maximum}` });
  if (schema.exclusiveMaximum !== undefined)
    candidates.push({ value: schema.exclusiveMaximum, breaks: `its exclusive maximum ${schema.exclusiveMaximum}` });
  if (schema.minLength !== undefined && schema.minLength > 0)
    candidates.push({ value: 'a'.repeat(schema.minLength - 1), breaks: `its minimum length ${schema.minLength}` });
  if (schema.maxLength !== undefined)
    candidates.push({ value: 'a'.repeat(schema.maxLength + 1), breaks: `its maximum length ${schema.maxLength}` });
  if (schema.minItems !== undefined && schema.minItems > 0)
    candidates.push({ value: [], breaks: `its minimum of ${schema.minItems} items` });
  return candidates;
}

export interface MalformedArgument {
  parameter: CompatParameter;
  value: unknown;
  /** The constraint it breaks, e.g. `its pattern ^[0-9a-f]{32}$`. */
  breaks: string;
}

/**
 * A malformed argument the client must refuse before the network: for the first parameter (required
 * ones first, then in the spec's order) with a checkable constraint (pattern, enum, const, bounds,
 * lengths), a value of an allowed type that breaks it. Undefined when no parameter has one.
 */
export function malformedArgument(operation: CompatOperation): MalformedArgument | undefined {
  const ordered = [
    ...operation.parameters.filter((parameter) => parameter.required),
    ...operation.parameters.filter((parameter) => !parameter.required),
  ];
  for (const parameter of ordered) {
    const found = breakingCandidates(parameter.schema).find(
      ({ value }) => typeAllows(value, parameter.schema) && !conforms(value, parameter.schema),
    );
    if (found) return { parameter, ...found };
  }
  return undefined;
}

/** Well-formed variants of an example that name nothing: digits and letters zeroed, ending in 404. */
function unknownCandidates(sample: unknown): unknown[] {
  if (typeof sample === 'number') return [sample + 404, 404];
  if (typeof sample !== 'string') return [];
  const zeroed = sample.replace(/[0-9A-Za-z]/g, '0');
  return [
    zeroed.length >= 3 ? `${zeroed.slice(0, -3)}404` : zeroed,
    zeroed,
    sample.replace(/[1-9]/g, '0'),
    [...sample].reverse().join(''),
  ];
}

/**
 * An unknown resource: for each path parameter, a value its schema accepts that is neither its example
 * nor one of `taken` (the fixtures' ids), e.g. `00000000000000000000000000000404` for a cluster id.
 * Undefined when the operation has no path parameter, or no such value can be derived (with which one).
 */
export function unknownResource(
  operation: CompatOperation,
  taken: readonly unknown[] = [],
): { values?: Record<string, unknown>; missing?: string } | undefined {
  const path = operation.parameters.filter((parameter) => parameter.in === 'path');
  if (path.length === 0) return undefined;
  const values: Record<string, unknown> = {};
  for (const parameter of path) {
    const value = unknownCandidates(parameter.sample).find(
      (candidate) =>
        candidate !== parameter.sample && !taken.includes(candidate) && conforms(candidate, parameter.schema),
    );
    if (value === undefined) return { missing: parameter.name };
    values[parameter.key] = value;
  }
  return { values };
}

/**
 * Every operation of the catalog once, as the `first` version describes it (else the first version
 * that does), in that version's order, followed by those only other versions describe.
 */
export function operationsOf(catalog: OperationCatalog, first: string): CompatOperation[] {
  const versions = [first, ...Object.keys(catalog).filter((version) => version !== first)];
  const found = new Map<string, CompatOperation>();
  for (const version of versions) {
    for (const operation of catalog[version] ?? []) if (!found.has(operation.id)) found.set(operation.id, operation);
  }
  return [...found.values()];
}
