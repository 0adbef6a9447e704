/**
 * Reads a call's arguments once and checks each against its parameter's schema (before any network
 * call), then builds the request target from the spec: path parameters percent-encoded, query
 * parameters in the spec's order in `form`/`explode` style (an array is one `name=value` per item;
 * one value given for an array parameter is an array of one), absent (undefined or null) ones left
 * out, and the request body (`body`) as JSON text.
 */
import { conforms, describeSchema } from './check-argument.js';
import { SkeInputError } from './errors.js';
import type { OperationSpec, ParameterSpec, RequestBodySpec } from './operation.js';

export interface RequestTarget {
  /** Path and query, e.g. `/v1/clusters?status=RUNNING&status=ERROR`. */
  pathAndQuery: string;
  /** Header parameters of the operation, when it has any (the version and language headers are the client's own). */
  headers: Record<string, string> | undefined;
  /** The request body as sent (JSON text), when the operation takes one and the call gave it. */
  body: string | undefined;
  signal: AbortSignal | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function expected(parameter: ParameterSpec): string {
  const example = parameter.example === undefined ? '' : `, e.g. ${parameter.example}`;
  return `${describeSchema(parameter.schema)}${example}`;
}

/**
 * Checks one argument (undefined: absent) against its parameter; a `SkeInputError` names it and says what was expected.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export function checkArgument(parameter: ParameterSpec, value: unknown): void {
  if (value === undefined) {
    if (parameter.required) throw new SkeInputError(parameter.key, `${expected(parameter)} (required)`);
  } else if (!conforms(value, parameter.schema)) {
    throw new SkeInputError(parameter.key, expected(parameter));
  }
}

function argumentList(operation: OperationSpec): string {
  const names = operation.parameters.map((parameter) => `${parameter.key}${parameter.required ? '' : '?'}`);
  if (operation.body) names.push(`body${operation.body.required ? '' : '?'}`);
  return names.join(', ');
}

/**
 * The request body as JSON text: an object, sent as written (the service checks its fields; the types
 * check them at compile time). Undefined when the call gave none and none is required.
 */
function bodyText(operation: OperationSpec, value: unknown): string | undefined {
  const { body } = operation;
  if (!body) return undefined;
  if (value === undefined) {
    if (body.required) throw new SkeInputError('body', `an object, the ${body.contentType} request body (required)`);
    return undefined;
  }
  if (!isObject(value)) throw new SkeInputError('body', `an object, the ${body.contentType} request body`);
  return JSON.stringify(value);
}

/** One value given for an array-typed parameter (`status: 'RUNNING'`) is an array of one; anything else as given. */
function asDeclared(parameter: ParameterSpec, value: unknown): unknown {
  const { type } = parameter.schema;
  const takesArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
  return takesArray && value !== undefined && value !== null && !Array.isArray(value) ? [value] : value;
}

/** Each argument, read once (a getter is never asked twice), checked, and the unknown ones refused. */
function readArguments(
  operation: OperationSpec,
  input: unknown,
): { values: unknown[]; body: string | undefined; signal: AbortSignal | undefined } {
  if (
    input === undefined &&
    !operation.body?.required &&
    operation.parameters.every((parameter) => !parameter.required)
  ) {
    return { values: [], body: undefined, signal: undefined };
  }
  if (!isObject(input)) throw new SkeInputError('input', `an object { ${argumentList(operation)} }`);
  for (const key of Object.keys(input)) {
    if (key === 'body' && operation.body) continue;
    if (key !== 'signal' && !operation.parameters.some((parameter) => parameter.key === key)) {
      throw new SkeInputError(key, `no such argument; this operation takes { ${argumentList(operation)}, signal? }`);
    }
  }
  const values = operation.parameters.map((parameter) => {
    const value = asDeclared(parameter, input[parameter.key]);
    checkArgument(parameter, value);
    return value;
  });
  const body = bodyText(operation, input.body);
  const signal = input.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new SkeInputError('signal', 'an AbortSignal');
  return { values, body, signal };
}

const encode = (value: unknown) => encodeURIComponent(String(value));

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export function requestTarget(operation: OperationSpec, input: unknown): RequestTarget {
  const { values, body, signal } = readArguments(operation, input);
  let path = operation.path;
  const query: string[] = [];
  let headers: Record<string, string> | undefined =
    body === undefined ? undefined : { 'content-type': (operation.body as RequestBodySpec).contentType };
  operation.parameters.forEach((parameter, index) => {
    const value = values[index];
    if (value === undefined || value === null) return;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encode(value));
    else if (parameter.in === 'header') headers = { ...headers, [parameter.name]: String(value) };
    else
      for (const item of Array.isArray(value) ? value : [value])
        query.push(`${encode(parameter.name)}=${encode(item)}`);
  });
  return { pathAndQuery: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, body, signal };
}
