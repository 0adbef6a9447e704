/**
 * Spec change classification: every difference between two OpenAPI 3.x documents (two revisions of
 * one SKE version's bundled document, or two adjacent versions), each with its severity, a JSON
 * pointer and a one-line explanation.
 *
 * Severities, from a consumer's side (someone who calls the API, or regenerates a client from the
 * document):
 * - `breaking`: a consumer that worked before can fail after: a request it sends is refused, an answer
 *   holds something its code or generated types do not expect, or its generated code stops compiling;
 * - `non-breaking`: the contract changed, and every consumer keeps working (something was added, a
 *   request accepts more, an answer promises more, something is deprecated);
 * - `informational`: nothing a consumer relies on changed (descriptions, examples, the version's own
 *   number, the other versions' lifecycle).
 *
 * Direction decides most schema rules: a request may accept more and an answer may promise more. A
 * request schema that accepts less (a value, a type, a pattern, a bound, a newly required property) and
 * a response schema that may hold more (a new enum value, a wider type, null, a missing property) break
 * a consumer; the opposite changes do not. A response enum value added is breaking on purpose: the
 * generated types are unions, and a consumer's exhaustive switch meets a value it does not know.
 *
 * The rules every OpenAPI document gets are here; what only SCP's documents have (the version
 * lifecycle, the `Scp-Api-Version` header, the signing schemes, regions, IAM actions) is in
 * spec-diff-scp.ts. The fixtures in spec-diff-fixtures/ pin every rule down.
 */
import {
  ANNOTATIONS,
  type ChangeSeverity,
  Changes,
  compareRest,
  type Direction,
  deepEqual,
  isObject,
  type Json,
  type Key,
  SEVERITIES,
  type SpecChange,
  show,
} from './spec-diff-core.js';
import {
  compareInfo,
  compareScpOperationExtension,
  compareSecuritySchemes,
  compareServers,
  compareVersionHeader,
  isVersionHeader,
} from './spec-diff-scp.js';

export { type ChangeSeverity, SEVERITIES, type SpecChange } from './spec-diff-core.js';

// ---------------------------------------------------------------------------------------------------
// $ref resolution

/** A copy with every local `$ref` replaced by what it points at (cycles kept as shared objects). */
export function dereference(document: Json): Json {
  const resolved = new Map<string, Json>();
  const lookup = (ref: string): Json => {
    let node: Json = document;
    for (const raw of ref.slice(2).split('/')) {
      if (ref === '#') break;
      const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
      node = node[key];
    }
    return node;
  };
  const resolve = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
      const { $ref, ...siblings } = node;
      let target = resolved.get($ref);
      if (target === undefined) {
        const raw = lookup($ref);
        if (!isObject(raw)) return node; // dangling or not an object: left as it is
        target = {};
        resolved.set($ref, target);
        Object.assign(target, resolve(raw));
      }
      return Object.keys(siblings).length === 0 ? target : { ...target, ...resolve(siblings) };
    }
    const copy: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = resolve(value);
    return copy;
  };
  return resolve(document);
}

// ---------------------------------------------------------------------------------------------------
// Schemas

const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'] as const;
const LOWER_BOUNDS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'] as const;
/** Keywords compareSchema judges itself (the rest: annotations, extensions, or not judged). */
const SCHEMA_KEYWORDS = new Set<string>([
  'type',
  'nullable',
  'enum',
  'const',
  'pattern',
  'format',
  'default',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'oneOf',
  'anyOf',
  'allOf',
  'multipleOf',
  'uniqueItems',
  'deprecated',
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
]);

/** The JSON types a schema allows (`null` when unconstrained), with OpenAPI 3.0's `nullable`. */
function typesOf(schema: Json): Set<string> | null {
  if (schema.type === undefined) return null;
  const types = new Set<string>(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.nullable === true) types.add('null');
  return types;
}

/** `a` allows every value of type `type` (integers are numbers). */
const covers = (types: Set<string>, type: string) => types.has(type) || (type === 'integer' && types.has('number'));
const typeText = (types: Set<string>) => [...types].join(' | ');

/** Flattens `allOf` into one schema (properties and required merged; other keywords: first wins). */
function mergeAllOf(schema: Json): Json {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  const merged: Json = { ...rest };
  for (const part of allOf.map(mergeAllOf)) {
    if (!isObject(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties') merged.properties = { ...(merged.properties ?? {}), ...value };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...value])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** A character class `[…]` as the set of characters it holds (only plain ones and ranges), or null. */
function classChars(body: string): Set<string> | null {
  const chars = new Set<string>();
  const items = [...body.replace(/\\-/g, '\u0000')];
  for (let index = 0; index < items.length; index++) {
    const char = items[index] as string;
    if (char === '\\' || char === '^' || char === '[') return null;
    const literal = char === '\u0000' ? '-' : char;
    if (items[index + 1] === '-' && index + 2 < items.length) {
      const end = items[index + 2] as string;
      if (end === '\\' || end === '\u0000') return null;
      for (let code = literal.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      index += 2;
    } else chars.add(literal);
  }
  return chars;
}

/** `^[class]quantifier$` as its characters and length range, or null for anything else. */
function simplePattern(pattern: string): { chars: Set<string>; min: number; max: number } | null {
  const match = /^\^\[([^\]]+)\](\*|\+|\{(\d+)(?:(,)(\d*))?\})?\$$/.exec(pattern);
  if (!match) return null;
  const chars = classChars(match[1] as string);
  if (!chars) return null;
  const [, , quantifier, low, comma, high] = match;
  if (quantifier === undefined) return { chars, min: 1, max: 1 };
  if (quantifier === '*') return { chars, min: 0, max: Number.POSITIVE_INFINITY };
  if (quantifier === '+') return { chars, min: 1, max: Number.POSITIVE_INFINITY };
  const min = Number(low);
  return { chars, min, max: comma === undefined ? min : high ? Number(high) : Number.POSITIVE_INFINITY };
}

/**
 * Whether every string `narrow` matches is matched by `wide`, when both are a single character
 * class with a quantifier (`^[a-z0-9-]{1,30}$`); `undefined` when that cannot be shown.
 */
export function patternIncludes(wide: string, narrow: string): boolean | undefined {
  if (wide === narrow) return true;
  const w = simplePattern(wide);
  const n = simplePattern(narrow);
  if (!w || !n) return undefined;
  return [...n.chars].every((char) => w.chars.has(char)) && w.min <= n.min && w.max >= n.max;
}

interface SchemaWalk {
  out: Changes;
  direction: Direction;
  /** What the schema is, for messages: "query parameter `size`", "response 200 body". */
  subject: string;
  /**
   * The pairs being compared on the current recursion path: met again, the schema is cyclic, and that
   * pair is compared where it was first met. (A schema shared by two properties is compared at each.)
   */
  active: WeakMap<object, WeakSet<object>>;
}

const propertySubject = (subject: string, property: string) =>
  subject.endsWith('`') ? `${subject.slice(0, -1)}.${property}\`` : `${subject} property \`${property}\``;
const itemsSubject = (subject: string) => (subject.endsWith('`') ? `${subject.slice(0, -1)}[]\`` : `${subject} items`);

export function compareSchema(
  out: Changes,
  before: Json,
  after: Json,
  path: readonly Key[],
  direction: Direction,
  subject: string,
): void {
  walkSchema({ out, direction, subject, active: new WeakMap() }, before, after, path);
}

function walkSchema(walk: SchemaWalk, beforeRaw: Json, afterRaw: Json, path: readonly Key[]): void {
  const { out, subject } = walk;
  if (deepEqual(beforeRaw, afterRaw)) return;
  if (!isObject(beforeRaw) || !isObject(afterRaw)) {
    out.add('breaking', path, `${subject}: schema replaced (${show(beforeRaw)} → ${show(afterRaw)})`);
    return;
  }
  const pairs = walk.active.get(beforeRaw) ?? new WeakSet();
  if (pairs.has(afterRaw)) return;
  pairs.add(afterRaw);
  walk.active.set(beforeRaw, pairs);
  try {
    walkPair(walk, beforeRaw, afterRaw, path);
  } finally {
    pairs.delete(afterRaw);
  }
}

function walkPair(walk: SchemaWalk, beforeRaw: Json, afterRaw: Json, path: readonly Key[]): void {
  const { out, subject } = walk;
  const before = mergeAllOf(beforeRaw);
  const after = mergeAllOf(afterRaw);

  // Alternatives: compared alternative by alternative; a schema without them is one alternative.
  const bAlternatives = before.oneOf ?? before.anyOf;
  const aAlternatives = after.oneOf ?? after.anyOf;
  if (bAlternatives || aAlternatives) {
    compareAlternatives(walk, before, after, path);
    compareRest(out, before, after, path, SCHEMA_KEYWORDS, subject);
    if (bAlternatives && aAlternatives) compareKeywords(walk, before, after, path);
    else compareNullable(walk, before, after, path);
    return;
  }
  compareKeywords(walk, before, after, path);
  compareRest(out, before, after, path, SCHEMA_KEYWORDS, subject);
}

function compareAlternatives(walk: SchemaWalk, before: Json, after: Json, path: readonly Key[]): void {
  const { out, direction, subject } = walk;
  const strip = (schema: Json) => {
    const copy = { ...schema };
    for (const key of ANNOTATIONS) delete copy[key];
    return copy;
  };
  const bKey = before.oneOf ? 'oneOf' : before.anyOf ? 'anyOf' : undefined;
  const aKey = after.oneOf ? 'oneOf' : after.anyOf ? 'anyOf' : undefined;
  if (bKey && aKey && bKey !== aKey) {
    out.add('breaking', [...path, aKey], `${subject}: ${bKey} became ${aKey}`);
    return;
  }
  const key = (aKey ?? bKey) as string;
  const bList: Json[] = bKey ? before[bKey] : [strip(before)];
  const aList: Json[] = aKey ? after[aKey] : [strip(after)];
  const bLeft = bList.map((_, index) => index);
  const aLeft = aList.map((_, index) => index);
  for (const bIndex of [...bLeft]) {
    const aIndex = aLeft.find((candidate) => deepEqual(bList[bIndex], aList[candidate]));
    if (aIndex === undefined) continue;
    bLeft.splice(bLeft.indexOf(bIndex), 1);
    aLeft.splice(aLeft.indexOf(aIndex), 1);
  }
  // What is left is paired in order (an alternative edited), then added or removed.
  while (bLeft.length > 0 && aLeft.length > 0) {
    const bIndex = bLeft.shift() as number;
    const aIndex = aLeft.shift() as number;
    walkSchema(walk, bList[bIndex], aList[aIndex], aKey ? [...path, key, aIndex] : path);
  }
  for (const aIndex of aLeft)
    out.widened(
      direction,
      [...path, key, aIndex],
      `${subject}: alternative ${show(aList[aIndex].type ?? aList[aIndex])} added`,
      'an answer may now be of a shape a consumer does not expect',
    );
  for (const bIndex of bLeft)
    out.narrowed(
      direction,
      [...path, key, bIndex],
      `${subject}: alternative ${show(bList[bIndex].type ?? bList[bIndex])} removed`,
      'a request of that shape is refused',
    );
}

function compareKeywords(walk: SchemaWalk, before: Json, after: Json, path: readonly Key[]): void {
  const { out, direction, subject } = walk;

  // Types
  const bTypes = typesOf(before);
  const aTypes = typesOf(after);
  if (bTypes && aTypes) {
    const added = [...aTypes].filter((type) => !covers(bTypes, type));
    const removed = [...bTypes].filter((type) => !covers(aTypes, type));
    const where = [...path, 'type'];
    const change = `type ${typeText(bTypes)} → ${typeText(aTypes)}`;
    if (added.length > 0 && removed.length > 0) out.add('breaking', where, `${subject}: ${change}`);
    else if (added.length > 0)
      out.widened(
        direction,
        where,
        added.length === 1 && added[0] === 'null' ? `${subject}: may now be null` : `${subject}: ${change}`,
        added.includes('null')
          ? 'a consumer that reads it meets null'
          : 'an answer may hold a type a consumer does not expect',
      );
    else if (removed.length > 0)
      out.narrowed(
        direction,
        where,
        removed.length === 1 && removed[0] === 'null' ? `${subject}: no longer nullable` : `${subject}: ${change}`,
        'a request with the other type is refused',
      );
  } else if (aTypes && !bTypes)
    out.narrowed(
      direction,
      [...path, 'type'],
      `${subject}: type ${typeText(aTypes)} required`,
      'any other type is refused',
    );
  else if (bTypes && !aTypes)
    out.widened(
      direction,
      [...path, 'type'],
      `${subject}: type constraint ${typeText(bTypes)} removed`,
      'an answer may hold any type',
    );
  else compareNullable(walk, before, after, path);

  compareValues(walk, before, after, path);

  // Pattern
  const bPattern = before.pattern;
  const aPattern = after.pattern;
  if (bPattern !== aPattern) {
    const where = [...path, 'pattern'];
    if (bPattern === undefined)
      out.narrowed(
        direction,
        where,
        `${subject}: pattern ${show(aPattern)} added`,
        'a value that does not match is refused',
      );
    else if (aPattern === undefined)
      out.widened(direction, where, `${subject}: pattern ${show(bPattern)} removed`, 'an answer may hold any string');
    else if (patternIncludes(aPattern, bPattern))
      out.widened(
        direction,
        where,
        `${subject}: pattern loosened (${show(bPattern)} → ${show(aPattern)})`,
        'an answer may hold values the old pattern excluded',
      );
    else if (patternIncludes(bPattern, aPattern))
      out.narrowed(
        direction,
        where,
        `${subject}: pattern tightened (${show(bPattern)} → ${show(aPattern)})`,
        'a value the old pattern allowed is refused',
      );
    else
      out.add(
        'breaking',
        where,
        `${subject}: pattern changed (${show(bPattern)} → ${show(aPattern)}; neither can be shown to include the other)`,
      );
  }

  // Bounds
  for (const keyword of UPPER_BOUNDS) compareBound(walk, before, after, path, keyword, 'upper');
  for (const keyword of LOWER_BOUNDS) compareBound(walk, before, after, path, keyword, 'lower');
  if (before.multipleOf !== after.multipleOf) {
    const where = [...path, 'multipleOf'];
    const b = before.multipleOf;
    const a = after.multipleOf;
    if (a === undefined || (b !== undefined && b % a === 0))
      out.widened(
        direction,
        where,
        `${subject}: multipleOf ${show(b)} → ${show(a)}`,
        'an answer may hold other numbers',
      );
    else
      out.narrowed(
        direction,
        where,
        `${subject}: multipleOf ${show(b)} → ${show(a)}`,
        'a number the old rule allowed is refused',
      );
  }
  if (Boolean(before.uniqueItems) !== Boolean(after.uniqueItems)) {
    if (after.uniqueItems) out.narrowed(direction, [...path, 'uniqueItems'], `${subject}: items must now be unique`);
    else out.widened(direction, [...path, 'uniqueItems'], `${subject}: items may now repeat`);
  }

  // Format
  if (before.format !== after.format) {
    const where = [...path, 'format'];
    if (before.format === undefined)
      out.narrowed(
        direction,
        where,
        `${subject}: format ${show(after.format)} added`,
        'a value not of that format is refused',
      );
    else if (after.format === undefined)
      out.widened(
        direction,
        where,
        `${subject}: format ${show(before.format)} removed`,
        'an answer may hold any string',
      );
    else out.add('breaking', where, `${subject}: format ${show(before.format)} → ${show(after.format)}`);
  }

  // Default
  if (!deepEqual(before.default, after.default)) {
    const where = [...path, 'default'];
    const change = `default ${show(before.default)} → ${show(after.default)}`;
    if (direction === 'response') out.add('informational', where, `${subject}: ${change}`);
    else if (before.default === undefined) out.add('non-breaking', where, `${subject}: ${change}`);
    else out.add('breaking', where, `${subject}: ${change} (what an omitted value means changed)`);
  }

  if (Boolean(before.deprecated) !== Boolean(after.deprecated))
    out.add(
      after.deprecated ? 'non-breaking' : 'informational',
      [...path, 'deprecated'],
      `${subject}: ${after.deprecated ? 'deprecated' : 'no longer deprecated'}`,
    );

  compareObject(walk, before, after, path);

  // Items
  if (!deepEqual(before.items, after.items)) {
    const where = [...path, 'items'];
    if (before.items === undefined)
      out.narrowed(direction, where, `${subject}: items schema added`, 'items of another shape are refused');
    else if (after.items === undefined)
      out.widened(direction, where, `${subject}: items schema removed`, 'an answer may hold items of any shape');
    else walkSchema({ ...walk, subject: itemsSubject(subject) }, before.items, after.items, where);
  }
}

/**
 * OpenAPI 3.0's `nullable` where no `type` carries it (beside `oneOf`/`anyOf`, or alone): null allowed,
 * as a `null` type added, or no longer.
 */
function compareNullable(walk: SchemaWalk, before: Json, after: Json, path: readonly Key[]): void {
  const { out, direction, subject } = walk;
  const allowsNull = (schema: Json) =>
    schema.nullable === true || (Array.isArray(schema.type) ? schema.type.includes('null') : schema.type === 'null');
  const b = allowsNull(before);
  const a = allowsNull(after);
  if (a && !b)
    out.widened(direction, [...path, 'nullable'], `${subject}: may now be null`, 'a consumer that reads it meets null');
  else if (b && !a)
    out.narrowed(direction, [...path, 'nullable'], `${subject}: no longer nullable`, 'a request with null is refused');
}

/** `enum` and `const`, value by value. */
function compareValues(walk: SchemaWalk, before: Json, after: Json, path: readonly Key[]): void {
  const { out, direction, subject } = walk;
  const values = (schema: Json): unknown[] | undefined =>
    Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  const bValues = values(before);
  const aValues = values(after);
  if (deepEqual(bValues, aValues)) return;
  const key = (schema: Json) => (Array.isArray(schema.enum) ? 'enum' : 'const');
  if (bValues && aValues) {
    if (key(before) === 'const' && key(after) === 'const') {
      out.add('breaking', [...path, 'const'], `${subject}: value ${show(before.const)} → ${show(after.const)}`);
      return;
    }
    aValues.forEach((value, index) => {
      if (bValues.some((old) => deepEqual(old, value))) return;
      out.widened(
        direction,
        key(after) === 'enum' ? [...path, 'enum', index] : [...path, 'const'],
        `${subject}: enum value ${show(value)} added`,
        'a consumer that switches over every value meets one it does not know',
      );
    });
    bValues.forEach((value, index) => {
      if (aValues.some((kept) => deepEqual(kept, value))) return;
      out.narrowed(
        direction,
        key(before) === 'enum' ? [...path, 'enum', index] : [...path, 'const'],
        `${subject}: enum value ${show(value)} removed`,
        'a request with it is refused',
      );
    });
  } else if (aValues)
    out.narrowed(
      direction,
      [...path, key(after)],
      `${subject}: restricted to ${aValues.map(show).join(', ')}`,
      'any other value is refused',
    );
  else if (bValues)
    out.widened(
      direction,
      [...path, key(before)],
      `${subject}: no longer restricted to ${bValues.map(show).join(', ')}`,
      'an answer may hold any value',
    );
}

function compareBound(
  walk: SchemaWalk,
  before: Json,
  after: Json,
  path: readonly Key[],
  keyword: string,
  kind: 'upper' | 'lower',
): void {
  const { out, direction, subject } = walk;
  const b = before[keyword];
  const a = after[keyword];
  if (deepEqual(b, a)) return;
  const where = [...path, keyword];
  if ((b !== undefined && typeof b !== 'number') || (a !== undefined && typeof a !== 'number')) {
    out.add('breaking', where, `${subject}: ${keyword} ${show(b)} → ${show(a)}`);
    return;
  }
  const what =
    b === undefined
      ? `${keyword} ${a} added`
      : a === undefined
        ? `${keyword} ${b} removed`
        : `${keyword} ${a < b ? 'lowered' : 'raised'} from ${b} to ${a}`;
  // For an upper bound, lower (or added) narrows; for a lower bound, higher (or added) narrows.
  const narrows = b === undefined ? true : a === undefined ? false : kind === 'upper' ? a < b : a > b;
  if (narrows) out.narrowed(direction, where, `${subject}: ${what}`, 'a value within the old bound is refused');
  else out.widened(direction, where, `${subject}: ${what}`, 'an answer may hold values outside the old bound');
}

/** `properties`, `required`, `additionalProperties`. */
function compareObject(walk: SchemaWalk, before: Json, after: Json, path: readonly Key[]): void {
  const { out, direction, subject } = walk;
  const bProperties: Record<string, Json> = before.properties ?? {};
  const aProperties: Record<string, Json> = after.properties ?? {};
  const bRequired: string[] = Array.isArray(before.required) ? before.required : [];
  const aRequired: string[] = Array.isArray(after.required) ? after.required : [];

  for (const [name, schema] of Object.entries(bProperties)) {
    const where = [...path, 'properties', name];
    if (name in aProperties) {
      walkSchema({ ...walk, subject: propertySubject(subject, name) }, schema, aProperties[name], where);
      continue;
    }
    out.add(
      'breaking',
      where,
      direction === 'request'
        ? `${propertySubject(subject, name)} removed (a consumer that sends it is refused or ignored, and its generated type lacks it)`
        : `${propertySubject(subject, name)} removed (a consumer that reads it gets nothing)`,
    );
  }
  for (const name of Object.keys(aProperties)) {
    if (name in bProperties) continue;
    if (direction === 'request' && aRequired.includes(name)) continue; // reported with `required`
    out.add(
      'non-breaking',
      [...path, 'properties', name],
      `${propertySubject(subject, name)} added${direction === 'request' ? ', optional' : ''}`,
    );
  }
  aRequired.forEach((name, index) => {
    if (bRequired.includes(name)) return;
    const where = [...path, 'required', index];
    const property = propertySubject(subject, name);
    if (direction === 'response') out.add('non-breaking', where, `${property} now always present`);
    else if (name in bProperties)
      out.add('breaking', where, `${property} made required (a request without it is refused)`);
    else out.add('breaking', where, `${property} added, required (a request without it is refused)`);
  });
  bRequired.forEach((name, index) => {
    if (aRequired.includes(name)) return;
    if (direction === 'response' && !(name in aProperties) && name in bProperties) return; // reported as removed
    const where = [...path, 'required', index];
    const property = propertySubject(subject, name);
    if (direction === 'request') out.add('non-breaking', where, `${property} made optional`);
    else out.add('breaking', where, `${property} made optional (a consumer that reads it may get nothing)`);
  });

  // additionalProperties: absent or true allows anything; false allows nothing; a schema, what it allows.
  const b = before.additionalProperties;
  const a = after.additionalProperties;
  if (deepEqual(b, a)) return;
  const where = [...path, 'additionalProperties'];
  const rank = (value: Json) => (value === undefined || value === true ? 2 : value === false ? 0 : 1);
  if (isObject(b) && isObject(a)) {
    walkSchema({ ...walk, subject: `${subject} additional properties` }, b, a, where);
    return;
  }
  const change = `additionalProperties ${show(b ?? true)} → ${show(a ?? true)}`;
  if (rank(a) > rank(b)) out.widened(direction, where, `${subject}: ${change}`, 'an answer may hold other properties');
  else if (rank(a) < rank(b))
    out.narrowed(direction, where, `${subject}: ${change}`, 'a request with other properties is refused');
}

// ---------------------------------------------------------------------------------------------------
// Operations

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Located {
  value: Json;
  path: readonly Key[];
  /** Whose it is, for messages: the operation, or the path item (then one message for all its operations). */
  owner: string;
}

const parameterKey = (parameter: Json) =>
  `${parameter?.in}:${parameter?.in === 'header' ? String(parameter?.name).toLowerCase() : parameter?.name}`;
const parameterSubject = (parameter: Json) => `${parameter?.in} parameter \`${parameter?.name}\``;

/** The operation's parameters with the path item's (overridden by the operation's own). */
function parametersOf(
  pathItem: Json,
  operation: Json,
  operationPath: readonly Key[],
  operationName: string,
): Map<string, Located> {
  const found = new Map<string, Located>();
  const itemPath = operationPath.slice(0, -1);
  (pathItem.parameters ?? []).forEach((value: Json, index: number) => {
    found.set(parameterKey(value), {
      value,
      path: [...itemPath, 'parameters', index],
      owner: `path ${itemPath.at(-1)}`,
    });
  });
  (operation.parameters ?? []).forEach((value: Json, index: number) => {
    found.set(parameterKey(value), { value, path: [...operationPath, 'parameters', index], owner: operationName });
  });
  return found;
}

function compareParameter(out: Changes, before: Json, after: Json, path: readonly Key[]): void {
  const subject = parameterSubject(after);
  const judged = isVersionHeader(after) ? compareVersionHeader(out, before, after, path) : [];
  const handled = new Set(['name', 'in', 'required', 'schema', 'content', 'deprecated', ...judged]);
  if (Boolean(before.required) !== Boolean(after.required)) {
    if (after.required)
      out.add('breaking', [...path, 'required'], `${subject} made required (a request without it is refused)`);
    else out.add('non-breaking', [...path, 'required'], `${subject} made optional`);
  }
  if (Boolean(before.deprecated) !== Boolean(after.deprecated))
    out.add(
      after.deprecated ? 'non-breaking' : 'informational',
      [...path, 'deprecated'],
      `${subject} ${after.deprecated ? 'deprecated' : 'no longer deprecated'}`,
    );
  if (!judged.includes('schema') && (before.schema !== undefined || after.schema !== undefined))
    compareSchema(out, before.schema ?? {}, after.schema ?? {}, [...path, 'schema'], 'request', subject);
  if (before.content !== undefined || after.content !== undefined)
    compareContent(out, before.content ?? {}, after.content ?? {}, [...path, 'content'], 'request', subject);
  compareRest(out, before, after, path, handled, subject);
}

/** Parameters by location and name; a path item's, reported in its name (once, however many operations it has). */
function compareParameters(out: Changes, before: Map<string, Located>, after: Map<string, Located>): void {
  for (const [key, { value, path, owner }] of before) {
    if (after.has(key)) continue;
    out.add(
      'breaking',
      path,
      `${owner}: ${parameterSubject(value)} removed (a consumer that sends it is refused or ignored, and its generated type lacks it)`,
    );
  }
  for (const [key, { value, path, owner }] of after) {
    const old = before.get(key);
    if (old) {
      compareParameter(out, old.value, value, path);
      continue;
    }
    const required = value.required === true || value.in === 'path';
    const hasDefault = value.schema?.default !== undefined;
    if (required && !hasDefault)
      out.add(
        'breaking',
        path,
        `${owner}: required ${parameterSubject(value)} added (a request without it is refused)`,
      );
    else out.add('non-breaking', path, `${owner}: optional ${parameterSubject(value)} added`);
  }
}

/** A media-type map (`content`): types removed or added, and each one's schema. */
function compareContent(
  out: Changes,
  before: Record<string, Json>,
  after: Record<string, Json>,
  path: readonly Key[],
  direction: Direction,
  subject: string,
): void {
  for (const type of Object.keys(before)) {
    if (type in after) continue;
    out.add(
      'breaking',
      [...path, type],
      direction === 'request'
        ? `${subject}: content type ${type} no longer accepted (a request that sends it is refused)`
        : `${subject}: content type ${type} no longer sent (a consumer that reads it gets another)`,
    );
  }
  for (const [type, media] of Object.entries(after)) {
    const where = [...path, type];
    const old = before[type];
    if (old === undefined) {
      out.add('non-breaking', where, `${subject}: content type ${type} added`);
      continue;
    }
    if (old.schema !== undefined || media.schema !== undefined)
      compareSchema(out, old.schema ?? {}, media.schema ?? {}, [...where, 'schema'], direction, `${subject} (${type})`);
    compareRest(out, old, media, where, new Set(['schema']), `${subject} (${type})`);
  }
}

function compareRequestBody(
  out: Changes,
  before: Json,
  after: Json,
  path: readonly Key[],
  operationName: string,
): void {
  if (before === undefined && after === undefined) return;
  const subject = `${operationName}: request body`;
  if (before === undefined) {
    if (after.required) out.add('breaking', path, `${subject} added, required (a request without it is refused)`);
    else out.add('non-breaking', path, `${subject} added, optional`);
    return;
  }
  if (after === undefined) {
    out.add('breaking', path, `${subject} removed (a consumer that sends one is refused or ignored)`);
    return;
  }
  if (Boolean(before.required) !== Boolean(after.required)) {
    if (after.required)
      out.add('breaking', [...path, 'required'], `${subject} made required (a request without it is refused)`);
    else out.add('non-breaking', [...path, 'required'], `${subject} made optional`);
  }
  compareContent(out, before.content ?? {}, after.content ?? {}, [...path, 'content'], 'request', subject);
  compareRest(out, before, after, path, new Set(['required', 'content']), subject);
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

function compareResponses(out: Changes, before: Json, after: Json, path: readonly Key[], operationName: string): void {
  const bResponses: Record<string, Json> = before ?? {};
  const aResponses: Record<string, Json> = after ?? {};
  for (const status of Object.keys(bResponses)) {
    if (status in aResponses) continue;
    if (isSuccess(status))
      out.add(
        'breaking',
        [...path, status],
        `${operationName}: success response ${status} removed (a consumer that expects it gets another status)`,
      );
    else out.add('non-breaking', [...path, status], `${operationName}: response ${status} no longer described`);
  }
  for (const [status, response] of Object.entries(aResponses)) {
    const where = [...path, status];
    const old = bResponses[status];
    const subject = `${operationName}: response ${status}`;
    if (old === undefined) {
      out.add('non-breaking', where, `${subject} added`);
      continue;
    }
    compareContent(out, old.content ?? {}, response.content ?? {}, [...where, 'content'], 'response', subject);
    compareHeaders(out, old.headers ?? {}, response.headers ?? {}, [...where, 'headers'], subject);
    compareRest(out, old, response, where, new Set(['content', 'headers']), subject);
  }
}

function compareHeaders(
  out: Changes,
  before: Record<string, Json>,
  after: Record<string, Json>,
  path: readonly Key[],
  subject: string,
): void {
  const lower = (headers: Record<string, Json>) =>
    new Map(Object.entries(headers).map(([name, header]) => [name.toLowerCase(), { name, header }]));
  const b = lower(before);
  const a = lower(after);
  for (const [key, { name }] of b)
    if (!a.has(key))
      out.add(
        'breaking',
        [...path, name],
        `${subject}: header ${name} removed (a consumer that reads it gets nothing)`,
      );
  for (const [key, { name, header }] of a) {
    const old = b.get(key);
    const where = [...path, name];
    if (!old) {
      out.add('non-breaking', where, `${subject}: header ${name} added`);
      continue;
    }
    if (old.header.required && !header.required)
      out.add(
        'breaking',
        [...where, 'required'],
        `${subject}: header ${name} made optional (a consumer may not get it)`,
      );
    else if (!old.header.required && header.required)
      out.add('non-breaking', [...where, 'required'], `${subject}: header ${name} now always sent`);
    compareSchema(
      out,
      old.header.schema ?? {},
      header.schema ?? {},
      [...where, 'schema'],
      'response',
      `${subject} header ${name}`,
    );
    compareRest(out, old.header, header, where, new Set(['required', 'schema']), `${subject} header ${name}`);
  }
}

type Requirement = Record<string, string[]>;

const scopesOf = (requirement: Requirement, scheme: string): string[] =>
  Array.isArray(requirement[scheme]) ? (requirement[scheme] as string[]) : [];
/** Credentials that meet `have` meet `need`: it names no scheme `have` lacks, and no scope. */
const meets = (have: Requirement, need: Requirement) =>
  Object.keys(need).every(
    (scheme) => scheme in have && scopesOf(need, scheme).every((scope) => scopesOf(have, scheme).includes(scope)),
  );
const schemesOf = (requirement: Requirement) => Object.keys(requirement).sort().join(' + ');

/**
 * Security requirements are alternatives: a request that meets any one is let in, and `[]` or a `{}`
 * requirement lets in a request without credentials. They are matched by their set of schemes (their order
 * means nothing). No credentials needed before and some after breaks, the reverse does not. A requirement
 * gone breaks unless credentials that met it meet one that is left (its schemes, and their scopes, a
 * subset); edited (schemes added or dropped), it is reported scheme by scheme. A requirement added is
 * another way in. More scopes for the same schemes break, unless the old credentials meet another.
 */
function compareSecurity(out: Changes, before: Json, after: Json, path: readonly Key[], subject: string): void {
  const b: Requirement[] = Array.isArray(before) ? before.filter(isObject) : [];
  const a: Requirement[] = Array.isArray(after) ? after.filter(isObject) : [];
  if (deepEqual(b, a)) return;
  const open = (list: Requirement[]) => list.length === 0 || list.some((item) => Object.keys(item).length === 0);
  if (open(b) && !open(a)) {
    out.add('breaking', path, `${subject}: security requirement added (an unauthenticated request is refused)`);
    return;
  }
  if (!open(b) && open(a)) {
    out.add(
      'non-breaking',
      path,
      `${subject}: no authentication needed any more (a request without credentials is let in)`,
    );
    return;
  }
  const bList = b.length === 0 ? [{}] : b;
  const aList = a.length === 0 ? [{}] : a;
  const used = new Set<number>();
  const unmatched: number[] = [];
  const edited = (old: Requirement, bIndex: number, now: Requirement, aIndex: number, met: boolean) => {
    for (const scheme of Object.keys(now)) {
      const where = [...path, aIndex, scheme];
      if (!(scheme in old)) {
        out.add(
          'breaking',
          where,
          `${subject}: security scheme ${scheme} now required (a request without it is refused)`,
        );
        continue;
      }
      const added = scopesOf(now, scheme).filter((scope) => !scopesOf(old, scheme).includes(scope));
      const removed = scopesOf(old, scheme).filter((scope) => !scopesOf(now, scheme).includes(scope));
      if (added.length > 0)
        out.add(
          met ? 'non-breaking' : 'breaking',
          where,
          `${subject}: ${scheme} now needs scope(s) ${added.join(', ')}${met ? ' (credentials that met the old requirement meet another)' : ' (a request without them is refused)'}`,
        );
      else if (removed.length > 0)
        out.add('non-breaking', where, `${subject}: ${scheme} needs fewer scopes (no longer ${removed.join(', ')})`);
    }
    for (const scheme of Object.keys(old))
      if (!(scheme in now))
        out.add('non-breaking', [...path, bIndex, scheme], `${subject}: security scheme ${scheme} no longer required`);
  };
  bList.forEach((old, bIndex) => {
    const aIndex = aList.findIndex((now, index) => !used.has(index) && schemesOf(now) === schemesOf(old));
    if (aIndex === -1) unmatched.push(bIndex);
    else {
      used.add(aIndex);
      edited(
        old,
        bIndex,
        aList[aIndex] as Requirement,
        aIndex,
        aList.some((need) => meets(old, need)),
      );
    }
  });
  for (const bIndex of unmatched) {
    const old = bList[bIndex] as Requirement;
    const met = aList.some((need) => meets(old, need));
    // What it became: a requirement added that its credentials meet (schemes dropped), or, when none is
    // met, one that names all of its schemes and more.
    const aIndex = aList.findIndex(
      (now, index) => !used.has(index) && (met ? meets(old, now) : Object.keys(old).every((scheme) => scheme in now)),
    );
    if (aIndex !== -1) {
      used.add(aIndex);
      edited(old, bIndex, aList[aIndex] as Requirement, aIndex, met);
    } else if (met)
      out.add(
        'non-breaking',
        [...path, bIndex],
        `${subject}: a way to authenticate removed (${schemesOf(old)}; its credentials meet another that is left)`,
      );
    else
      out.add(
        'breaking',
        [...path, bIndex],
        `${subject}: a way to authenticate removed (${schemesOf(old)}; a consumer that used it is refused)`,
      );
  }
  aList.forEach((now, aIndex) => {
    if (!used.has(aIndex))
      out.add('non-breaking', [...path, aIndex], `${subject}: another way to authenticate added (${schemesOf(now)})`);
  });
}

/** The servers an operation is called on (its own, else its path item's, else the document's), and where they are. */
function serversOf(root: Json, item: Json, operation: Json, route: string, method?: string) {
  if (method !== undefined && operation?.servers !== undefined)
    return { servers: operation.servers, path: ['paths', route, method, 'servers'] };
  if (item.servers !== undefined) return { servers: item.servers, path: ['paths', route, 'servers'] };
  return { servers: root.servers, path: ['servers'] };
}

function compareOperation(
  out: Changes,
  context: { bItem: Json; aItem: Json; bRoot: Json; aRoot: Json },
  before: Json,
  after: Json,
  path: readonly Key[],
): void {
  const name = `${String(path.at(-1)).toUpperCase()} ${path.at(-2)}`;
  const handled = new Set([
    'operationId',
    'parameters',
    'requestBody',
    'responses',
    'security',
    'servers',
    'deprecated',
  ]);
  if (before.operationId !== after.operationId)
    out.add(
      'breaking',
      [...path, 'operationId'],
      `${name}: operationId ${show(before.operationId)} → ${show(after.operationId)} (the generated client's method is named by it)`,
    );
  if (Boolean(before.deprecated) !== Boolean(after.deprecated))
    out.add(
      after.deprecated ? 'non-breaking' : 'informational',
      [...path, 'deprecated'],
      `${name}: ${after.deprecated ? 'deprecated (it still works; consumers are told to move off it)' : 'no longer deprecated'}`,
    );
  compareParameters(
    out,
    parametersOf(context.bItem, before, path, name),
    parametersOf(context.aItem, after, path, name),
  );
  compareRequestBody(out, before.requestBody, after.requestBody, [...path, 'requestBody'], name);
  compareResponses(out, before.responses, after.responses, [...path, 'responses'], name);
  if (before.security !== undefined || after.security !== undefined)
    compareSecurity(
      out,
      before.security ?? context.bRoot.security,
      after.security ?? context.aRoot.security,
      [...path, 'security'],
      name,
    );
  // The servers it is called on, when its own changed (else they are compared where they are written).
  if (!deepEqual(before.servers, after.servers)) {
    const route = String(path[1]);
    const method = String(path[2]);
    const b = serversOf(context.bRoot, context.bItem, before, route, method);
    const a = serversOf(context.aRoot, context.aItem, after, route, method);
    if (deepEqual(b.servers, a.servers))
      out.add('informational', [...path, 'servers'], `${name}: servers changed as written, not those it is called on`);
    else compareServers(out, b.servers, a.servers, a.path, { beforePath: b.path, subject: name });
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (key.startsWith('x-scp-') && compareScpOperationExtension(out, key, before, after, [...path, key], name))
      handled.add(key);
  compareRest(out, before, after, path, handled, name);
}

function comparePaths(out: Changes, before: Json, after: Json): void {
  const bPaths: Record<string, Json> = before.paths ?? {};
  const aPaths: Record<string, Json> = after.paths ?? {};
  const context = { bRoot: before, aRoot: after };
  for (const route of Object.keys(bPaths))
    if (!(route in aPaths))
      out.add('breaking', ['paths', route], `path ${route} removed (every operation on it is gone)`);
  for (const [route, aItem] of Object.entries(aPaths)) {
    const bItem = bPaths[route];
    if (bItem === undefined) {
      out.add('non-breaking', ['paths', route], `path ${route} added`);
      continue;
    }
    for (const method of HTTP_METHODS) {
      const path = ['paths', route, method];
      const name = `${method.toUpperCase()} ${route}`;
      if (bItem[method] && !aItem[method])
        out.add('breaking', path, `${name}: operation removed (a consumer that calls it is refused)`);
      else if (!bItem[method] && aItem[method]) out.add('non-breaking', path, `${name}: operation added`);
      else if (bItem[method] && aItem[method])
        compareOperation(out, { ...context, bItem, aItem }, bItem[method], aItem[method], path);
    }
    // The path item's servers, for the operations that take them (the others are compared on their own).
    if (!deepEqual(bItem.servers, aItem.servers)) {
      const b = serversOf(before, bItem, undefined, route);
      const a = serversOf(after, aItem, undefined, route);
      const where = ['paths', route, 'servers'];
      const inheriting = HTTP_METHODS.filter(
        (method) => bItem[method] && aItem[method] && !bItem[method].servers && !aItem[method].servers,
      );
      if (inheriting.length === 0)
        out.add('informational', where, `path ${route}: servers changed (every operation names its own)`);
      else if (deepEqual(b.servers, a.servers))
        out.add(
          'informational',
          where,
          `path ${route}: servers changed as written, not those its operations are called on`,
        );
      else compareServers(out, b.servers, a.servers, a.path, { beforePath: b.path, subject: `path ${route}` });
    }
    compareRest(
      out,
      bItem,
      aItem,
      ['paths', route],
      new Set([...HTTP_METHODS, 'parameters', 'servers']),
      `path ${route}`,
    );
  }
}

/** Named components a generator turns into named types: removing one breaks code that names it. */
const TYPED_COMPONENTS = ['schemas', 'parameters', 'responses', 'requestBodies', 'headers'];

function compareComponents(out: Changes, before: Json, after: Json): void {
  const bComponents: Record<string, Json> = before.components ?? {};
  const aComponents: Record<string, Json> = after.components ?? {};
  for (const section of TYPED_COMPONENTS) {
    const b: Record<string, Json> = bComponents[section] ?? {};
    const a: Record<string, Json> = aComponents[section] ?? {};
    for (const name of Object.keys(b))
      if (!(name in a))
        out.add(
          'breaking',
          ['components', section, name],
          `components.${section}.${name} removed (generated code that names its type no longer compiles)`,
        );
    for (const name of Object.keys(a))
      if (!(name in b)) out.add('non-breaking', ['components', section, name], `components.${section}.${name} added`);
  }
  compareSecuritySchemes(out, bComponents.securitySchemes ?? {}, aComponents.securitySchemes ?? {}, [
    'components',
    'securitySchemes',
  ]);
  // What is inside a named component is compared where operations use it (with its direction).
}

/** Every change from `before` to `after` (OpenAPI 3.x documents, bundled or dereferenced), in document order. */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  return diffSpecsOn(before, after, new Date());
}

/**
 * `diffSpecs`, judging the lifecycle on the day `at` (whether a version is still served). Not exported from
 * the package: the tests judge on a fixed day.
 */
export function diffSpecsOn(before: unknown, after: unknown, at: Date): SpecChange[] {
  const b = dereference(before);
  const a = dereference(after);
  const out = new Changes(b, a, at);
  if (b.openapi !== a.openapi)
    out.add('informational', ['openapi'], `OpenAPI version ${show(b.openapi)} → ${show(a.openapi)}`);
  compareInfo(out, b.info ?? {}, a.info ?? {}, ['info']);
  compareServers(out, b.servers, a.servers, ['servers']);
  comparePaths(out, b, a);
  compareSecurity(out, b.security, a.security, ['security'], 'every operation without its own');
  compareComponents(out, b, a);
  compareRest(out, b, a, [], new Set(['openapi', 'info', 'servers', 'paths', 'security', 'components']), 'document');
  // A path item's parameter or servers are reported once, not once per operation.
  const seen = new Set<string>();
  return out.list.filter((change) => {
    const key = `${change.severity} ${change.pointer} ${change.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The worst severity among `changes` (`informational` when there are none). */
export function worstSeverity(changes: readonly SpecChange[]): ChangeSeverity {
  return SEVERITIES.find((severity) => changes.some((change) => change.severity === severity)) ?? 'informational';
}

/** How many changes of each severity. */
export function countSeverities(changes: readonly SpecChange[]): Record<ChangeSeverity, number> {
  const counts: Record<ChangeSeverity, number> = { breaking: 0, 'non-breaking': 0, informational: 0 };
  for (const change of changes) counts[change.severity]++;
  return counts;
}

/** One line: `breaking       #/paths/~1v1~1clusters/get/parameters/3  required query parameter … added`. */
export function formatChange(change: SpecChange): string {
  return `${change.severity.padEnd(13)}  ${change.pointer}  ${change.message}`;
}
