/**
 * Request validation derived from a version's dereferenced OpenAPI document: routes come from its
 * `paths`, and each path and query parameter is checked against its own JSON Schema with Ajv, so the
 * emulator enforces exactly what the spec says (required, enum, pattern) and no more. Optional header
 * parameters are not enforced: HTTP clients send their own (`Accept-Language: *` from Node's fetch),
 * and content negotiation falls back rather than failing.
 */
import type { OpenApiDocument } from '@scp-ske/spec';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ErrorAnswer } from './envelope.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

interface CompiledParameter extends Parameter {
  validate: ValidateFunction;
}

export interface Route {
  operationId: string;
  method: string;
  pathTemplate: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: CompiledParameter[];
}

export type Matched = { route: Route; params: Record<string, string> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function routePattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

export function compileRoutes(document: OpenApiDocument): Route[] {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  const routes: Route[] = [];
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    const shared = ((item as { parameters?: Parameter[] }).parameters ?? []) as Parameter[];
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const own = ((operation as { parameters?: Parameter[] }).parameters ?? []) as Parameter[];
      const { pattern, names } = routePattern(pathTemplate);
      routes.push({
        operationId: (operation as { operationId: string }).operationId,
        method: method.toUpperCase(),
        pathTemplate,
        pattern,
        pathNames: names,
        parameters: [...shared, ...own].map((parameter) => ({
          ...parameter,
          validate: ajv.compile(parameter.schema ?? {}),
        })),
      });
    }
  }
  return routes;
}

/** A path segment, percent-decoded; a malformed escape is kept as sent (and fails validation). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route a request is for, or undefined when none matches its method and path. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Matched | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.pathNames.forEach((name, index) => {
      params[name] = decodeSegment(match[index + 1] as string);
    });
    return { route, params };
  }
  return undefined;
}

function describeValues(validate: ValidateFunction): string {
  const error = validate.errors?.[0];
  if (!error) return 'is not valid';
  const allowed = (error.params as { allowedValues?: unknown[]; pattern?: string; allowedValue?: unknown }) ?? {};
  if (allowed.allowedValues) return `must be one of ${allowed.allowedValues.join(', ')}`;
  if (allowed.pattern) return `must match ${allowed.pattern}`;
  if (allowed.allowedValue !== undefined) return `must be ${String(allowed.allowedValue)}`;
  return error.message ?? 'is not valid';
}

/** Checks every declared parameter; returns a 400 `ValidationError` naming each bad one. */
export function validateParameters(
  route: Route,
  values: { path: Record<string, string>; query: URLSearchParams; header(name: string): string | undefined },
): ErrorAnswer | undefined {
  const problems: string[] = [];
  for (const parameter of route.parameters) {
    const value =
      parameter.in === 'path'
        ? values.path[parameter.name]
        : parameter.in === 'query'
          ? (values.query.get(parameter.name) ?? undefined)
          : parameter.in === 'header'
            ? values.header(parameter.name)
            : undefined;
    if (value === undefined) {
      if (parameter.required) problems.push(`${parameter.name} (${parameter.in}) is required.`);
      continue;
    }
    if (parameter.in === 'header' && !parameter.required) continue;
    if (!parameter.validate(value))
      problems.push(`${parameter.name} (${parameter.in}) ${describeValues(parameter.validate)}.`);
  }
  return problems.length > 0 ? { status: 400, code: 'ValidationError', detail: problems } : undefined;
}
