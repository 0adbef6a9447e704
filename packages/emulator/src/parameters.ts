/**
 * A route's parameters as the spec declares them: each path and query value is read, decoded by its
 * schema (a repeated query key becomes an array where the schema accepts one, as `style: form,
 * explode: true` sends it; digits become an integer where it accepts one) and checked with Ajv, so
 * the emulator enforces exactly what the spec says (required, enum, pattern, minimum) and no more.
 * Optional header parameters are not enforced: HTTP clients send their own (`Accept-Language: *`
 * from Node's fetch), and content negotiation falls back rather than failing.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaCompiler } from './ajv.js';
import type { ErrorAnswer } from './envelope.js';

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

/** What a value can be decoded to, read once from the parameter's schema. */
interface Decoding {
  array: boolean;
  scalar: boolean;
  integer: boolean;
  number: boolean;
  boolean: boolean;
}

export interface CompiledParameter {
  name: string;
  in: ParameterObject['in'];
  required: boolean;
  validate: ValidateFunction;
  decoding: Decoding;
  items: Decoding;
}

/** Decoded, valid parameter values, by name: what an operation's handler receives. */
export interface Parameters {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

type Schema = { type?: string | string[]; anyOf?: Schema[]; oneOf?: Schema[]; items?: Schema };

/** Every JSON type a schema admits (`type`, and the branches of `anyOf` / `oneOf`); none listed: any. */
function typesOf(schema: Schema | undefined): Set<string> {
  const types = new Set<string>();
  if (!schema) return types;
  if (typeof schema.type === 'string') types.add(schema.type);
  else for (const type of schema.type ?? []) types.add(type);
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const type of typesOf(branch)) types.add(type);
  }
  return types;
}

function decodingOf(schema: Schema | undefined): Decoding {
  const types = typesOf(schema);
  const any = types.size === 0;
  return {
    array: types.has('array'),
    scalar: any || ['string', 'integer', 'number', 'boolean'].some((type) => types.has(type)),
    integer: types.has('integer'),
    number: types.has('number'),
    boolean: types.has('boolean'),
  };
}

function itemsOf(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.items) return schema.items;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const items = itemsOf(branch);
    if (items) return items;
  }
  return undefined;
}

export function compileParameter(parameter: ParameterObject, compile: SchemaCompiler): CompiledParameter {
  const schema = parameter.schema as Schema | undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    validate: compile(parameter.schema),
    decoding: decodingOf(schema),
    items: decodingOf(itemsOf(schema)),
  };
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** One text value as its schema reads it; text that is not what the schema wants stays text (and fails). */
function decodeScalar(raw: string, decoding: Decoding): unknown {
  if (decoding.integer && INTEGER.test(raw)) return Number(raw);
  if (decoding.number && NUMBER.test(raw)) return Number(raw);
  if (decoding.boolean && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function readQuery(parameter: CompiledParameter, query: URLSearchParams): unknown {
  if (!parameter.decoding.array) {
    const raw = query.get(parameter.name);
    return raw === null ? undefined : decodeScalar(raw, parameter.decoding);
  }
  const raws = query.getAll(parameter.name);
  if (raws.length === 0) return undefined;
  if (raws.length === 1 && parameter.decoding.scalar) return decodeScalar(raws[0] as string, parameter.decoding);
  return raws.map((raw) => decodeScalar(raw, parameter.items));
}

function describeValues(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  // Stryker disable next-line StringLiteral: message text
  if (!error) return 'is not valid';
  const allowed = (error.params as { allowedValues?: unknown[]; pattern?: string; allowedValue?: unknown }) ?? {};
  if (allowed.allowedValues) return `must be one of ${allowed.allowedValues.join(', ')}`;
  if (allowed.pattern) return `must match ${allowed.pattern}`;
  if (allowed.allowedValue !== undefined) return `must be ${String(allowed.allowedValue)}`;
  // Stryker disable next-line StringLiteral: message text
  return error.message ?? 'is not valid';
}

/**
 * Reads, decodes and checks every declared parameter: the values by name, or a 400 `ValidationError`
 * naming each bad one. A repeated key whose schema takes one value keeps the first, as before.
 */
export function readParameters(
  parameters: readonly CompiledParameter[],
  values: { path: Record<string, string>; query: URLSearchParams; header(name: string): string | undefined },
): Parameters | ErrorAnswer {
  const decoded: Parameters = { path: {}, query: {} };
  const problems: string[] = [];
  for (const parameter of parameters) {
    // Optional header parameters are not enforced (see above): not even read.
    if (parameter.in === 'header' && !parameter.required) continue;
    let value: unknown;
    if (parameter.in === 'path') {
      const raw = values.path[parameter.name];
      value = raw === undefined ? undefined : decodeScalar(raw, parameter.decoding);
    } else if (parameter.in === 'query') value = readQuery(parameter, values.query);
    else if (parameter.in === 'header') value = values.header(parameter.name);
    if (value === undefined) {
      if (parameter.required) problems.push(`${parameter.name} (${parameter.in}) is required.`);
      continue;
    }
    if (!parameter.validate(value)) {
      problems.push(`${parameter.name} (${parameter.in}) ${describeValues(parameter.validate)}.`);
      continue;
    }
    if (parameter.in === 'path' || parameter.in === 'query') decoded[parameter.in][parameter.name] = value;
  }
  return problems.length > 0 ? { status: 400, code: 'ValidationError', detail: problems } : decoded;
}
