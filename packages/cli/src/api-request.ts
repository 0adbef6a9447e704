/**
 * `scp-ske api METHOD PATH`: finds the operation of a version's table that METHOD and PATH name
 * (a path template's `{name}` matches one path segment), and turns the path's segments and the
 * `--query name=value` flags into that operation's arguments. Nothing is sent here: a
 * METHOD and PATH the version does not have, a query parameter it does not declare, or one value
 * given twice where the parameter takes one, is a UsageError naming it.
 */
import type { OperationSpec, OperationTable, ParameterSpec } from '@scp-ske/client';
import { UsageError } from './usage.js';

export interface ApiRequest {
  operationId: string;
  operation: OperationSpec;
  /** The operation's arguments (camelCase keys), as its method takes them. */
  input: Record<string, unknown>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The path parameters' values when `path` matches `template` (`/v1/clusters/{cluster_id}`), else undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1] as string)]));
}

const typesOf = (parameter: ParameterSpec): string[] => {
  const { type } = parameter.schema;
  return type === undefined ? [] : typeof type === 'string' ? [type] : [...type];
};

/** One `--query` text as its parameter's schema reads it: digits as a number, true/false as a boolean. */
function decoded(parameter: ParameterSpec, text: string): unknown {
  const types =
    parameter.schema.type === 'array'
      ? typesOf({ ...parameter, schema: parameter.schema.items ?? {} })
      : typesOf(parameter);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** The operation METHOD PATH names in `table`, with its arguments; a UsageError when the version has none. */
export function apiRequest(
  table: OperationTable,
  version: string,
  method: string,
  target: string,
  queries: string[],
): ApiRequest {
  const upper = method.toUpperCase();
  const [path = '', inlineQuery] = target.split('?', 2);
  const candidates = Object.entries(table).flatMap(([operationId, operation]) => {
    const values = matchPath(operation.path, path);
    return values === undefined ? [] : [{ operationId, operation, values }];
  });
  const found = candidates.find((candidate) => candidate.operation.method === upper);
  if (!found) {
    const methods = candidates.map((candidate) => candidate.operation.method);
    throw new UsageError(
      methods.length > 0
        ? `${upper} ${path}: ske ${version} has ${methods.join(', ')} on this path, not ${upper}`
        : `${upper} ${path}: no such path in ske ${version}` +
            "; the version's paths are in its reference docs and @scp-ske/spec's document",
    );
  }
  const { operationId, operation, values: pathValues } = found;
  const input: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') input[parameter.key] = pathValues[parameter.name];
  }
  const pairs = [...(inlineQuery ? inlineQuery.split('&') : []), ...queries];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--query: expected name=value, received "${pair}"`);
    const name = decodeURIComponent(pair.slice(0, at));
    const text = decodeURIComponent(pair.slice(at + 1));
    const parameter = operation.parameters.find((candidate) => candidate.in === 'query' && candidate.name === name);
    if (!parameter) {
      const names = operation.parameters
        .filter((candidate) => candidate.in === 'query')
        .map((candidate) => candidate.name);
      throw new UsageError(
        `--query: ${operationId} has no query parameter "${name}"${names.length > 0 ? `; it takes ${names.join(', ')}` : ''}`,
      );
    }
    const value = decoded(parameter, text);
    if (parameter.schema.type === 'array')
      input[parameter.key] = [...((input[parameter.key] as unknown[]) ?? []), value];
    else if (parameter.key in input) throw new UsageError(`--query: ${name} takes one value, given more than once`);
    else input[parameter.key] = value;
  }
  return { operationId, operation, input };
}
