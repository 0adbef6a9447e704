/**
 * The one way the emulator compiles JSON Schemas from the spec: Ajv (draft 2020-12, as OpenAPI 3.1),
 * with `date-time` as RFC 3339 (a space may stand for `T`, as SCP's own document writes it), `int32`
 * and `int64` as the integers they name, and each distinct schema compiled once even when several
 * versions' documents repeat it.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** RFC 3339 date and time; SCP's document writes `2025-03-31 00:23:17+00:00`, with a space, which RFC 3339 allows. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export type SchemaCompiler = (schema: object | undefined) => ValidateFunction;

const INT32 = {
  type: 'number' as const,
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
};
const INT64 = { type: 'number' as const, validate: (n: number) => Number.isInteger(n) };

export function createAjv(options: { allErrors?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: options.allErrors ?? false });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('int32', INT32);
  ajv.addFormat('int64', INT64);
  return ajv;
}

/**
 * Compiles schemas with one Ajv, reusing the validator of a schema it has seen (by content).
 * `allErrors`: report every problem (request bodies), not only the first (answers, parameters).
 */
export function createSchemaCompiler(options: { allErrors?: boolean } = {}): SchemaCompiler {
  const ajv = createAjv(options);
  const compiled = new Map<string, ValidateFunction>();
  return (schema = {}) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    return validate;
  };
}
