/**
 * Checks one argument against its parameter's JSON Schema constraints, as the spec states them
 * (type, const, enum, pattern, bounds, lengths, array items, anyOf/oneOf), and says in words what
 * was expected. A small interpreter of the subset the generator copies, so that the client ships
 * no schema validator.
 */

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export interface ArgumentSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: ArgumentSchema;
  readonly anyOf?: readonly ArgumentSchema[];
  readonly oneOf?: readonly ArgumentSchema[];
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'u');
    patterns.set(source, pattern);
  }
  return pattern;
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

const same = (a: unknown, b: unknown) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Whether `value` satisfies `schema`.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export function conforms(value: unknown, schema: ArgumentSchema): boolean {
  const { type } = schema;
  if (type !== undefined && !(typeof type === 'string' ? [type] : type).some((one) => hasType(value, one)))
    return false;
  if ('const' in schema && !same(value, schema.const)) return false;
  if (schema.enum && !schema.enum.some((allowed) => same(value, allowed))) return false;
  if (schema.anyOf && !schema.anyOf.some((option) => conforms(value, option))) return false;
  if (schema.oneOf && schema.oneOf.filter((option) => conforms(value, option)).length !== 1) return false;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) return false;
    if (schema.maxLength !== undefined && length > schema.maxLength) return false;
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) return false;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    const { items } = schema;
    if (items && !value.every((item) => conforms(item, items))) return false;
  }
  return true;
}

const NOUNS: Record<JsonType, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function bounds(schema: ArgumentSchema): string {
  const parts = [
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.exclusiveMinimum !== undefined && `> ${schema.exclusiveMinimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.exclusiveMaximum !== undefined && `< ${schema.exclusiveMaximum}`,
    schema.minLength !== undefined && `of at least ${schema.minLength} characters`,
    schema.maxLength !== undefined && `of at most ${schema.maxLength} characters`,
    schema.minItems !== undefined && `of at least ${schema.minItems} items`,
    schema.maxItems !== undefined && `of at most ${schema.maxItems} items`,
    schema.pattern !== undefined && `matching ${schema.pattern}`,
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * What `schema` expects, in words: `one of "private", "public"`, `a whole number ≥ 0`, `a string or an array of (a string)`.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export function describeSchema(schema: ArgumentSchema): string {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.map(describeSchema).join(' or ');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
  const nouns = types.map((type) => {
    const noun = type === 'array' && schema.items ? `an array of (${describeSchema(schema.items)})` : NOUNS[type];
    const limits = type === 'null' ? '' : bounds(schema);
    return limits ? `${noun} ${limits}` : noun;
  });
  return nouns.length > 0 ? nouns.join(' or ') : bounds(schema) || 'any value';
}
