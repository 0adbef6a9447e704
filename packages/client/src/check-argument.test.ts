/**
 * Pins down the small JSON Schema interpreter that checks generated clients' arguments:
 * `conforms` on every JSON type, const/enum (NaN included), anyOf/oneOf, items, lengths in code
 * points, unicode patterns compiled once, and every bound on both sides of its limit and only on its
 * own kind of value; `describeSchema` word for word on each branch.
 */
import { describe, expect, it } from 'vitest';
import { type ArgumentSchema, conforms, describeSchema } from './check-argument.js';

type Row = [unknown, ArgumentSchema, boolean];

/** How many regular expressions `run` builds with `new RegExp`. */
function regExpsBuiltBy(run: () => void): number {
  const Native = RegExp;
  let built = 0;
  globalThis.RegExp = new Proxy(Native, {
    construct(target, args) {
      built++;
      return Reflect.construct(target, args);
    },
  });
  try {
    run();
  } finally {
    globalThis.RegExp = Native;
  }
  return built;
}

// A pattern no other test uses, so that the cache cannot hold it already, whatever the order.
const ONCE = '^ab(?:-compiled-once)?';
describe('patterns are compiled once each, and only when a schema has one', () => {
  it('builds no regular expression for a string without a pattern, and one per pattern', () => {
    const answers: boolean[] = [];
    const withoutPattern = regExpsBuiltBy(() => answers.push(conforms('abc', { type: 'string' })));
    const withPattern = regExpsBuiltBy(() => {
      answers.push(conforms('abc', { pattern: ONCE }), conforms('xbc', { pattern: ONCE }));
      answers.push(conforms('abc', { pattern: ONCE }));
    });
    expect({ withoutPattern, withPattern, answers }).toEqual({
      withoutPattern: 0,
      withPattern: 1,
      answers: [true, true, false, true],
    });
  });
});

const check = (rows: Row[]) =>
  it.each(rows)('%o against %o → %s', (value, schema, expected) => {
    expect(conforms(value, schema)).toBe(expected);
  });

describe('type', () => {
  check([
    ['a', { type: 'string' }, true],
    [1, { type: 'string' }, false],
    [0, { type: 'integer' }, true],
    [-(2 ** 53 - 1), { type: 'integer' }, true],
    [2 ** 53, { type: 'integer' }, false],
    [1.5, { type: 'integer' }, false],
    [Number.NaN, { type: 'integer' }, false],
    ['1', { type: 'integer' }, false],
    [1.5, { type: 'number' }, true],
    [Number.POSITIVE_INFINITY, { type: 'number' }, false],
    [Number.NaN, { type: 'number' }, false],
    ['1', { type: 'number' }, false],
    [true, { type: 'boolean' }, true],
    [false, { type: 'boolean' }, true],
    [0, { type: 'boolean' }, false],
    [[], { type: 'array' }, true],
    [{}, { type: 'array' }, false],
    [null, { type: 'null' }, true],
    [undefined, { type: 'null' }, false],
    [0, { type: 'null' }, false],
    [{}, { type: 'object' }, true],
    [null, { type: 'object' }, false],
    [[], { type: 'object' }, false],
    ['{}', { type: 'object' }, false],
    [1, { type: 'object' }, false],
    ['a', { type: ['string', 'null'] }, true],
    [null, { type: ['string', 'null'] }, true],
    [1, { type: ['string', 'null'] }, false],
    [1, {}, true],
  ]);
});

describe('const and enum', () => {
  check([
    [1, { const: 1 }, true],
    [2, { const: 1 }, false],
    [Number.NaN, { const: Number.NaN }, true],
    [Number.NaN, { const: 5 }, false],
    [5, { const: Number.NaN }, false],
    [undefined, { const: undefined }, true],
    [1, { const: undefined }, false],
    ['b', { enum: ['a', 'b'] }, true],
    ['c', { enum: ['a', 'b'] }, false],
    [Number.NaN, { enum: [1, Number.NaN] }, true],
    [2, { enum: [1, Number.NaN] }, false],
  ]);
});

describe('anyOf, oneOf and items', () => {
  check([
    ['a', { anyOf: [{ type: 'string' }, { type: 'null' }] }, true],
    [1, { anyOf: [{ type: 'string' }, { type: 'null' }] }, false],
    ['a', { oneOf: [{ type: 'string' }, { type: 'null' }] }, true],
    [1, { oneOf: [{ type: 'string' }, { type: 'null' }] }, false],
    [1, { oneOf: [{ type: 'integer' }, { type: 'number' }] }, false],
    [1.5, { oneOf: [{ type: 'integer' }, { type: 'number' }] }, true],
    [['a', 'b'], { items: { type: 'string' } }, true],
    [['a', 1, 'b'], { items: { type: 'string' } }, false],
    [[['a'], []], { items: { items: { type: 'string' } } }, true],
    [[['a'], [1]], { items: { items: { type: 'string' } } }, false],
  ]);
});

describe('string lengths in code points, and unicode patterns', () => {
  check([
    ['a', { minLength: 2 }, false],
    ['ab', { minLength: 2 }, true],
    ['abc', { minLength: 2 }, true],
    ['👍', { minLength: 2 }, false],
    ['👍👍', { minLength: 2, maxLength: 2 }, true],
    ['ab', { maxLength: 3 }, true],
    ['abc', { maxLength: 3 }, true],
    ['abcd', { maxLength: 3 }, false],
    ['👍👍👍', { maxLength: 3 }, true],
    ['a', { pattern: '^a$' }, true],
    ['b', { pattern: '^a$' }, false],
    ['👍', { pattern: '^.$' }, true],
    ['Ä', { pattern: '^\\p{Lu}$' }, true],
    ['ä', { pattern: '^\\p{Lu}$' }, false],
  ]);
});

describe('number bounds, at, below and above', () => {
  check([
    [-1, { minimum: 0 }, false],
    [0, { minimum: 0 }, true],
    [1, { minimum: 0 }, true],
    [4, { maximum: 5 }, true],
    [5, { maximum: 5 }, true],
    [6, { maximum: 5 }, false],
    [0, { exclusiveMinimum: 1 }, false],
    [1, { exclusiveMinimum: 1 }, false],
    [1.5, { exclusiveMinimum: 1 }, true],
    [8, { exclusiveMaximum: 9 }, true],
    [9, { exclusiveMaximum: 9 }, false],
    [10, { exclusiveMaximum: 9 }, false],
    [7, { type: 'number' }, true],
  ]);
});

describe('array bounds, at, below and above', () => {
  check([
    [[1], { minItems: 2 }, false],
    [[1, 2], { minItems: 2 }, true],
    [[1, 2, 3], { minItems: 2 }, true],
    [[1, 2], { maxItems: 3 }, true],
    [[1, 2, 3], { maxItems: 3 }, true],
    [[1, 2, 3, 4], { maxItems: 3 }, false],
    [[1], { type: 'array' }, true],
  ]);
});

describe('bounds apply only to their own kind of value', () => {
  check([
    ['5', { minimum: 10 }, true],
    ['50', { maximum: 10, exclusiveMaximum: 10 }, true],
    ['0', { exclusiveMinimum: 10 }, true],
    [[], { minimum: 1 }, true],
    [1, { minLength: 5, pattern: '^x$' }, true],
    [12345, { maxLength: 2 }, true],
    ['abc', { minItems: 5 }, true],
    ['abcdef', { maxItems: 2 }, true],
    ['abc', { items: { type: 'number' } }, true],
  ]);
});

describe('describeSchema', () => {
  it.each<[ArgumentSchema, string]>([
    [{ type: 'integer', minimum: 0 }, 'a whole number ≥ 0'],
    [{ type: 'number', exclusiveMinimum: 1 }, 'a number > 1'],
    [{ type: 'number', maximum: 5 }, 'a number ≤ 5'],
    [{ type: 'number', exclusiveMaximum: 9 }, 'a number < 9'],
    [{ type: 'string', minLength: 2 }, 'a string of at least 2 characters'],
    [{ type: 'string', maxLength: 3 }, 'a string of at most 3 characters'],
    [{ type: 'array', minItems: 1 }, 'an array of at least 1 items'],
    [{ type: 'array', maxItems: 4 }, 'an array of at most 4 items'],
    [{ type: 'string', pattern: '^a$' }, 'a string matching ^a$'],
    [{ type: 'integer', minimum: 1, maximum: 5 }, 'a whole number ≥ 1 ≤ 5'],
    [
      { type: 'string', minLength: 1, maxLength: 3, pattern: '^a' },
      'a string of at least 1 characters of at most 3 characters matching ^a',
    ],
    [{ const: 'x' }, '"x"'],
    [{ const: 5, type: 'string' }, '5'],
    [{ enum: ['a', 'b'] }, 'one of "a", "b"'],
    [{ anyOf: [{ type: 'string' }, { type: 'null' }] }, 'a string or null'],
    [{ oneOf: [{ const: 1 }, { type: 'boolean' }] }, '1 or true or false'],
    [{ type: 'array', items: { type: 'string' } }, 'an array of (a string)'],
    [{ type: 'array' }, 'an array'],
    [{ type: 'string', items: { type: 'number' } }, 'a string'],
    [{ type: ['string', 'array'], items: { type: 'string' } }, 'a string or an array of (a string)'],
    [{ type: ['string', 'null'], minLength: 1 }, 'a string of at least 1 characters or null'],
    [{ type: 'null', minLength: 1 }, 'null'],
    [{ type: 'object' }, 'an object'],
    [{ type: 'boolean' }, 'true or false'],
    [{}, 'any value'],
    [{ minimum: 1 }, '≥ 1'],
    [{ minLength: 2, maxItems: 4 }, 'of at least 2 characters of at most 4 items'],
  ])('%o → %s', (schema, expected) => {
    expect(describeSchema(schema)).toBe(expected);
  });
});
