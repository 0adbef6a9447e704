/**
 * An operation's success response as the spec declares it (its first 2xx: 200, or 202 for the
 * changes SCP accepts and carries out later), compiled once per route: a validator and a projection
 * (project.ts) per media type, the content type to send (`*` + `/*` → `application/yaml` for text),
 * and the spec's example as a ready answer for operations without a handler. `finishAnswer` projects
 * a JSON answer onto the version's schema (exactly its fields), checks it and writes the body; an
 * answer the spec rejects is a 500 `EmulatorError` naming the operation, never served. An answer a
 * handler gives again (`cached`) is checked and written once.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaCompiler } from './ajv.js';
import type { ErrorAnswer } from './envelope.js';
import { compileProjection, type Projection } from './project.js';

const FINISHED: unique symbol = Symbol('finished');

/** A success answer: the payload is sent as is when it is text, else as JSON (projected onto the version's schema). */
export interface SuccessAnswer {
  /** Default: the success status the spec declares (200, 202). */
  status?: number;
  payload: unknown;
  /** Default: the media type the spec declares for the 200 response. */
  contentType?: string;
  /** True when the same object is answered again (a cached body): checked and written only once. */
  cached?: boolean;
  /** The checked, written answer of a cached one (set by `finishAnswer`). */
  [FINISHED]?: FinishedAnswer;
}

interface MediaTypeObject {
  schema?: object & { example?: unknown };
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface ResponseSpec {
  /** The success status the spec declares: its first 2xx (200 when it declares none). */
  status: number;
  /** Validators by media type as declared (`*` + `/*` included). */
  validators: ReadonlyMap<string, ValidateFunction>;
  /** Projections by media type, as the validators. */
  projections: ReadonlyMap<string, Projection>;
  /** The JSON schema of the success answer, when there is one (`application/json`). */
  schema: object | undefined;
  /** What an answer without its own content type is sent as. */
  contentType: string | undefined;
  /** The spec's example, as an answer; undefined when the 200 response has none. */
  example: SuccessAnswer | undefined;
}

export interface FinishedAnswer {
  status: number;
  body: string;
  contentType: string;
  /** The body's length in bytes (UTF-8), counted once with the body. */
  bodyBytes: number;
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/** The type to send for a declared media type: a wildcard is YAML for text, JSON for anything else. */
function concreteType(mediaType: string, schema: { type?: unknown } | undefined, example: unknown): string {
  if (!mediaType.includes('*')) return mediaType;
  const text = schema?.type === 'string' || (schema?.type === undefined && typeof example === 'string');
  return text ? 'application/yaml' : 'application/json';
}

function exampleOf(mediaType: MediaTypeObject): { found: boolean; value?: unknown } {
  if (mediaType.example !== undefined) return { found: true, value: mediaType.example };
  const first = Object.values(mediaType.examples ?? {})[0];
  if (first && first.value !== undefined) return { found: true, value: first.value };
  if (mediaType.schema?.example !== undefined) return { found: true, value: mediaType.schema.example };
  return { found: false };
}

/** The first 2xx status the responses declare, in numeric order; 200 when there is none. */
function successStatus(responses: Record<string, unknown> | undefined): number {
  const statuses = Object.keys(responses ?? {})
    .filter((status) => /^2\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);
  return statuses[0] ?? 200;
}

export function compileResponse(
  responses: Record<string, { content?: Record<string, MediaTypeObject> }> | undefined,
  compile: SchemaCompiler,
  project: (schema: object | undefined) => Projection = compileProjection,
): ResponseSpec {
  const status = successStatus(responses);
  const content = responses?.[String(status)]?.content ?? {};
  const validators = new Map<string, ValidateFunction>();
  const projections = new Map<string, Projection>();
  let contentType: string | undefined;
  let example: SuccessAnswer | undefined;
  let schema: object | undefined;
  for (const [mediaType, declared] of Object.entries(content)) {
    validators.set(mediaType, compile(declared.schema));
    projections.set(mediaType, project(declared.schema));
    if (isJson(mediaType)) schema ??= declared.schema;
    const found = exampleOf(declared);
    const type = concreteType(mediaType, declared.schema as { type?: unknown }, found.value);
    contentType ??= type;
    if (!example && found.found) example = { status, payload: found.value, contentType: type, cached: true };
  }
  return { status, validators, projections, schema, contentType, example };
}

const emulatorError = (operationId: string, problem: string): ErrorAnswer => ({
  status: 500,
  code: 'EmulatorError',
  detail: [`${operationId}: ${problem}`],
});

/** The declared media type a content type answers as: itself, else a declared wildcard. */
function declaredFor(spec: ResponseSpec, contentType: string): string | undefined {
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  for (const candidate of [mediaType, `${mediaType.split('/', 1)[0]}/*`, '*/*']) {
    if (spec.validators.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Projects a success answer onto the version's schema, checks it against the spec and writes its
 * body, or answers 500 naming the operation and the first mismatch (a schema path, never request data).
 */
export function finishAnswer(
  operationId: string,
  spec: ResponseSpec,
  answer: SuccessAnswer,
): FinishedAnswer | ErrorAnswer {
  const known = answer[FINISHED];
  if (known) return known;
  const contentType = answer.contentType ?? spec.contentType;
  const status = answer.status ?? spec.status;
  if (contentType === undefined) return emulatorError(operationId, `the spec declares no ${status} response.`);
  const declared = declaredFor(spec, contentType);
  const validate = declared === undefined ? undefined : spec.validators.get(declared);
  if (declared === undefined || !validate) {
    return emulatorError(operationId, `the spec declares no ${contentType} ${status} response.`);
  }
  const json = isJson(contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '');
  const payload = json ? (spec.projections.get(declared) as Projection)(answer.payload) : answer.payload;
  if (!validate(payload)) {
    const error = validate.errors?.[0];
    return emulatorError(
      operationId,
      `the answer does not match the spec's ${status} response (${error?.instancePath || '/'} ${error?.message ?? 'is not valid'}).`,
    );
  }
  if (!json && typeof payload !== 'string') {
    return emulatorError(operationId, `a ${contentType} answer must be text.`);
  }
  const body = json ? JSON.stringify(payload) : (payload as string);
  const result = { status, body, contentType, bodyBytes: Buffer.byteLength(body) };
  if (answer.cached) answer[FINISHED] = result;
  return result;
}
