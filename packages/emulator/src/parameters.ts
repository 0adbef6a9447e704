/**
 * A route's parameters as the spec declares them: each path and query value is read, decoded by its
 * schema (a repeated query key becomes an array where the schema accepts one, as `style: form,
 * explode: true` sends it; digits become an integer where it accepts one) and checked with Ajv, so
 * the emulator enforces exactly what the spec says (required, enum, pattern, minimum) and no more. A
 * query key given more than once where the schema takes one value is refused, never read as its
 * first or last value. Header parameters are checked like the others, but for two: `Scp-Api-Version`,
 * which the version step has judged (406), and `Accept-Language`, which is content negotiation
 * (accept-language.ts): any well-formed list is accepted, the spec's enum being what SCP answers in.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { isLanguageList } from './accept-language.js';
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

/**
 * How a value is judged: by its schema (`schema`); by the version step, before this one (`judged`:
 * `Scp-Api-Version`, 406 when bad); or as content negotiation (`negotiated`: `Accept-Language`,
 * any well-formed list).
 */
export type Judgement = 'schema' | 'judged' | 'negotiated';

export interface CompiledParameter {
  name: string;
  in: ParameterObject['in'];
  required: boolean;
  judgement: Judgement;
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

/** Header parameters another step judges: the version step answers a bad `Scp-Api-Version` with 406. */
const JUDGED_BEFORE = new Set(['scp-api-version']);
/** Header parameters that negotiate content (RFC 9110 §12): any well-formed value is accepted. */
const NEGOTIATED = new Set(['accept-language']);

function judgementOf(parameter: ParameterObject): Judgement {
  if (parameter.in !== 'header') return 'schema';
  const name = parameter.name.toLowerCase();
  if (JUDGED_BEFORE.has(name)) return 'judged';
  return NEGOTIATED.has(name) ? 'negotiated' : 'schema';
}

export function compileParameter(parameter: ParameterObject, compile: SchemaCompiler): CompiledParameter {
  const schema = parameter.schema as Schema | undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    judgement: judgementOf(parameter),
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

/** A query key given more than once where its schema takes one value. */
const REPEATED = Symbol('repeated');

function readQuery(parameter: CompiledParameter, query: URLSearchParams): unknown {
  const raws = query.getAll(parameter.name);
  if (raws.length === 0) return undefined;
  const [first] = raws as [string];
  if (!parameter.decoding.array) return raws.length > 1 ? REPEATED : decodeScalar(first, parameter.decoding);
  if (raws.length === 1 && parameter.decoding.scalar) return decodeScalar(first, parameter.decoding);
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
 * naming each bad one, a repeated key whose schema takes one value among them.
 */
export function readParameters(
  parameters: readonly CompiledParameter[],
  values: { path: Record<string, string>; query: URLSearchParams; header(name: string): string | undefined },
): Parameters | ErrorAnswer {
  const decoded: Parameters = { path: {}, query: {} };
  const problems: string[] = [];
  for (const parameter of parameters) {
    if (parameter.judgement === 'judged') continue;
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
    if (value === REPEATED) {
      // Stryker disable next-line StringLiteral: message text
      problems.push(`${parameter.name} (${parameter.in}) must be given once, not repeated.`);
      continue;
    }
    if (parameter.judgement === 'negotiated') {
      if (!isLanguageList(value as string)) {
        // Stryker disable next-line StringLiteral: message text
        problems.push(`${parameter.name} (header) must be a list of language ranges, e.g. en-US or ko-KR,en;q=0.8.`);
      }
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
