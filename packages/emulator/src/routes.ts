/**
 * The route table of a version, compiled from its dereferenced OpenAPI document: one route per
 * operation, with its path pattern, its IAM action (`x-scp-action-id`) and access level, its
 * parameters, request body and success response compiled with Ajv (parameters.ts, request-body.ts,
 * responses.ts), so the emulator enforces exactly what the spec says, and what the spec says about
 * state (`x-scp-state-change`, `x-scp-resource`, `x-scp-pagination`) for the operations that read
 * and change the emulator's store. Routes with fewer path parameters are tried first (a literal
 * segment wins).
 */
import type { OpenApiDocument } from '@scp-ske/spec';
import { createSchemaCompiler, type SchemaCompiler } from './ajv.js';
import { type CompiledParameter, compileParameter, type ParameterObject } from './parameters.js';
import { compileRequestBody, type RequestBodySpec } from './request-body.js';
import { compileResponse, type ResponseSpec } from './responses.js';

/** `x-scp-state-change`: what a mutating operation does to the store (see operations/state-change.ts). */
export interface StateChange {
  resource: string;
  kind: 'create' | 'update' | 'delete';
  /** The resource's status while the change runs; none: the change is done at once. */
  during?: string;
  /** For a change of the desired node count: the status while it goes down. */
  duringWhenShrinking?: string;
  /** The status once the change is done. */
  settles?: string;
  /** Resource field (dotted path) ← request body field, or `<resource>.<field>` of a related resource. */
  sets?: Record<string, string>;
}

export interface Route {
  operationId: string;
  method: string;
  pathTemplate: string;
  pattern: RegExp;
  pathNames: string[];
  /** The IAM action a key needs (`x-scp-action-id`); undefined when the spec names none. */
  actionId: string | undefined;
  /** `x-scp-access-level`: READ, LIST, CREATE, UPDATE, DELETE. */
  accessLevel: string | undefined;
  parameters: CompiledParameter[];
  /** The request body the operation takes; undefined when it takes none. */
  requestBody: RequestBodySpec | undefined;
  response: ResponseSpec;
  stateChange: StateChange | undefined;
  /** `x-scp-resource`: the resource a show operation answers, under its name. */
  resource: string | undefined;
  /** `x-scp-pagination`: the list a list operation answers, under its name (`clusters`). */
  pagination: { items: string } | undefined;
}

export type Matched = { route: Route; params: Record<string, string> };

interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: Parameters<typeof compileRequestBody>[0];
  responses?: Record<string, { content?: Record<string, object> }>;
  'x-scp-action-id'?: string;
  'x-scp-access-level'?: string;
  'x-scp-state-change'?: StateChange;
  'x-scp-resource'?: string;
  'x-scp-pagination'?: { items: string };
}

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

/** Operation-level parameters override path-level ones of the same name and location. */
function mergeParameters(shared: ParameterObject[], own: ParameterObject[]): ParameterObject[] {
  const key = (parameter: ParameterObject) => `${parameter.in}\n${parameter.name}`;
  const overridden = new Set(own.map(key));
  return [...shared.filter((parameter) => !overridden.has(key(parameter))), ...own];
}

/**
 * `compile` compiles parameter and response schemas (first error only); `compileBody` request body
 * schemas (every error; default: a compiler of its own).
 */
export function compileRoutes(
  document: OpenApiDocument,
  compile: SchemaCompiler,
  compileBody: SchemaCompiler = createSchemaCompiler({ allErrors: true }),
): Route[] {
  const routes: Route[] = [];
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    const shared = (item as { parameters?: ParameterObject[] }).parameters ?? [];
    for (const [method, value] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const operation = value as OperationObject;
      const { pattern, names } = routePattern(pathTemplate);
      routes.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase(),
        pathTemplate,
        pattern,
        pathNames: names,
        actionId: operation['x-scp-action-id'],
        accessLevel: operation['x-scp-access-level'],
        parameters: mergeParameters(shared, operation.parameters ?? []).map((parameter) =>
          compileParameter(parameter, compile),
        ),
        requestBody: compileRequestBody(operation.requestBody, compileBody),
        response: compileResponse(operation.responses, compile),
        stateChange: operation['x-scp-state-change'],
        resource: operation['x-scp-resource'],
        pagination: operation['x-scp-pagination'],
      });
    }
  }
  return routes.sort((a, b) => a.pathNames.length - b.pathNames.length);
}

/** A path segment, percent-decoded; a malformed escape is kept as sent (and fails validation). */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first route for the method and path, without reading its parameters. */
export function findRoute(routes: readonly Route[], method: string, pathname: string): Route | undefined {
  for (const route of routes) {
    if (route.method === method && route.pattern.test(pathname)) return route;
  }
  return undefined;
}

/** The route a request is for, with its path parameters decoded, or undefined when none matches its method and path. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Matched | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (let index = 0; index < route.pathNames.length; index++) {
      params[route.pathNames[index] as string] = decodeSegment(match[index + 1] as string);
    }
    return { route, params };
  }
  return undefined;
}
