/**
 * An operation's 200 response as the spec declares it, compiled once per route: a validator per media
 * type, the content type to send (`*` + `/*` → `application/yaml` for text), and the spec's example
 * as a ready answer for operations without a handler. `finishAnswer` checks a 200 answer against it
 * and writes the body; an answer the spec rejects is a 500 `EmulatorError` naming the operation,
 * never served. An answer a handler gives again (`cached`) is checked and written once.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaCompiler } from './ajv.js';
import type { ErrorAnswer } from './envelope.js';

const FINISHED: unique symbol = Symbol('finished');

/** A 200 answer: the payload is sent as is when it is text, else as JSON. */
export interface SuccessAnswer {
  status: 200;
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
  /** Validators by media type as declared (`*` + `/*` included). */
  validators: ReadonlyMap<string, ValidateFunction>;
  /** What an answer without its own content type is sent as. */
  contentType: string | undefined;
  /** The spec's example, as an answer; undefined when the 200 response has none. */
  example: SuccessAnswer | undefined;
}

export interface FinishedAnswer {
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

export function compileResponse(
  responses: Record<string, { content?: Record<string, MediaTypeObject> }> | undefined,
  compile: SchemaCompiler,
): ResponseSpec {
  const content = responses?.['200']?.content ?? {};
  const validators = new Map<string, ValidateFunction>();
  let contentType: string | undefined;
  let example: SuccessAnswer | undefined;
  for (const [mediaType, declared] of Object.entries(content)) {
    validators.set(mediaType, compile(declared.schema));
    const found = exampleOf(declared);
    const type = concreteType(mediaType, declared.schema as { type?: unknown }, found.value);
    contentType ??= type;
    if (!example && found.found) example = { status: 200, payload: found.value, contentType: type, cached: true };
  }
  return { validators, contentType, example };
}

const emulatorError = (operationId: string, problem: string): ErrorAnswer => ({
  status: 500,
  code: 'EmulatorError',
  detail: [`${operationId}: ${problem}`],
});

/** The validator for a content type: its declared media type, else a declared wildcard. */
function validatorFor(spec: ResponseSpec, contentType: string): ValidateFunction | undefined {
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return (
    spec.validators.get(mediaType) ??
    spec.validators.get(`${mediaType.split('/', 1)[0]}/*`) ??
    spec.validators.get('*/*')
  );
}

/**
 * Checks a 200 answer against the spec and writes its body, or answers 500 naming the operation and
 * the first mismatch (a schema path, never request data).
 */
export function finishAnswer(
  operationId: string,
  spec: ResponseSpec,
  answer: SuccessAnswer,
): FinishedAnswer | ErrorAnswer {
  const known = answer[FINISHED];
  if (known) return known;
  const contentType = answer.contentType ?? spec.contentType;
  if (contentType === undefined) return emulatorError(operationId, 'the spec declares no 200 response.');
  const validate = validatorFor(spec, contentType);
  if (!validate) return emulatorError(operationId, `the spec declares no ${contentType} 200 response.`);
  if (!validate(answer.payload)) {
    const error = validate.errors?.[0];
    return emulatorError(
      operationId,
      `the answer does not match the spec's 200 response (${error?.instancePath || '/'} ${error?.message ?? 'is not valid'}).`,
    );
  }
  const json = isJson(contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '');
  if (!json && typeof answer.payload !== 'string') {
    return emulatorError(operationId, `a ${contentType} answer must be text.`);
  }
  const body = json ? JSON.stringify(answer.payload) : (answer.payload as string);
  const result = { body, contentType, bodyBytes: Buffer.byteLength(body) };
  if (answer.cached) answer[FINISHED] = result;
  return result;
}
