/**
 * Request bodies as the spec declares them, per version: JSON only, at most `BODY_LIMIT_BYTES`, and
 * valid against the version's request body schema with one addition the emulator makes (the spec is
 * left as it is): a field the schema does not declare is an error, as `additionalProperties: false`
 * would make it (here `unevaluatedProperties: false` on every object schema, so that `allOf` members
 * still count). So a field ske 1.1 added (`service_watch_logging_enabled`, `server_group_id`) sent
 * to ske 1.0 is refused, by name. Every problem is named at once, as `body/<JSON pointer> <expected>`.
 */
import type { IncomingMessage } from 'node:http';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaCompiler } from './ajv.js';
import type { ErrorAnswer } from './envelope.js';

/** The largest request body the emulator reads: 1 MiB. A larger one is answered 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Past this much, an oversized body is no longer drained but its connection closed. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export interface RequestBodySpec {
  required: boolean;
  /** The schema's title, to name what is expected (`ClusterCreateRequest`). */
  title: string | undefined;
  /** Validates a parsed body against the closed schema, reporting every error. */
  validate: ValidateFunction;
}

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  type?: string | string[];
  allOf?: Schema[];
};

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMAS = ['items', 'not', 'if', 'then', 'else', 'contains', 'additionalProperties'] as const;

/**
 * A copy of `schema` in which every object schema that says nothing about other properties refuses
 * them (`unevaluatedProperties: false`); members of an `allOf` are left open, their parent closes.
 * The copy shares no object (a schema used both alone and in an `allOf` is closed in one place only).
 */
export function closeSchema(schema: object): object {
  const copy = JSON.parse(JSON.stringify(schema)) as Schema;
  const visit = (node: unknown, inAllOf: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    const current = node as Schema;
    const types = typeof current.type === 'string' ? [current.type] : (current.type ?? []);
    const isObject = current.properties !== undefined || types.includes('object');
    if (
      isObject &&
      !inAllOf &&
      current.additionalProperties === undefined &&
      current.unevaluatedProperties === undefined
    ) {
      current.unevaluatedProperties = false;
    }
    for (const child of Object.values(current.properties ?? {})) visit(child, false);
    for (const key of SUBSCHEMAS) visit(current[key], false);
    for (const key of SUBSCHEMA_LISTS) {
      const list = current[key];
      if (Array.isArray(list)) for (const child of list) visit(child, key === 'allOf');
    }
  };
  visit(copy, false);
  return copy;
}

interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, { schema?: object }>;
}

/** The request body of an operation, compiled; undefined when the operation takes none. */
export function compileRequestBody(
  requestBody: RequestBodyObject | undefined,
  compile: SchemaCompiler,
): RequestBodySpec | undefined {
  if (!requestBody?.content) return undefined;
  const json = Object.entries(requestBody.content).find(([mediaType]) => isJsonType(mediaType));
  const schema = json?.[1].schema ?? {};
  return {
    required: requestBody.required === true,
    title: (schema as { title?: string }).title,
    validate: compile(closeSchema(schema)),
  };
}

/** Whether a Content-Type is JSON (`application/json`, `…+json`, parameters allowed). */
export function isJsonType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/** What reading a body found: its text, or that it was too large, or that the connection broke. */
export type BodyText = { text: string } | { tooLarge: true } | { broken: true };

/**
 * Reads a request's body whole, up to `limit` bytes. A larger body is drained (so that its answer,
 * 413, reaches a client still sending) up to 64 MiB, past which the connection is closed.
 */
export function readBodyText(request: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyText> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyText) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onBroken);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        finish({ tooLarge: true });
        request.socket.destroy();
      }
    };
    const onEnd = () => finish(size > limit ? { tooLarge: true } : { text: Buffer.concat(chunks).toString('utf8') });
    const onBroken = () => finish({ broken: true });
    const onClose = () => {
      if (!request.complete) finish({ broken: true });
    };
    if (request.readableEnded) {
      finish({ text: '' });
      return;
    }
    // Closed before its body was read (the client gave up): it will tell nothing more.
    if (request.destroyed) {
      finish({ broken: true });
      return;
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onBroken);
    request.on('close', onClose);
  });
}

const pointer = (path: string) => `body${path}`;
/** JSON Pointer escaping of one segment (RFC 6901). */
const segment = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

function describe(error: ErrorObject, apiVersion: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${pointer(error.instancePath + segment(String(params.missingProperty)))} is required.`;
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const name = String(params.unevaluatedProperty ?? params.additionalProperty);
      return `${pointer(error.instancePath + segment(name))} is not a field ${apiVersion} accepts.`;
    }
    case 'enum':
      return `${pointer(error.instancePath)} must be one of ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'pattern':
      return `${pointer(error.instancePath)} must match ${String(params.pattern)}.`;
    case 'type':
      return `${pointer(error.instancePath)} must be ${[params.type].flat().join(' or ')}.`;
    default:
      return `${pointer(error.instancePath)} ${error.message ?? 'is not valid'}.`;
  }
}

/**
 * Every problem Ajv found, one line each, without the noise of alternatives: the `null` branch of a
 * nullable field and the summary line of a `oneOf` / `anyOf` are left out when a more precise
 * problem at or below the same place is named.
 */
export function describeBodyErrors(errors: readonly ErrorObject[], apiVersion: string): string[] {
  const precise = errors.filter((error) => !isAlternativeNoise(error));
  const kept = errors.filter((error) => {
    if (!isAlternativeNoise(error)) return true;
    return !precise.some(
      (other) => other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`),
    );
  });
  return [...new Set(kept.map((error) => describe(error, apiVersion)))];
}

function isAlternativeNoise(error: ErrorObject): boolean {
  if (error.keyword === 'oneOf' || error.keyword === 'anyOf') return true;
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

/**
 * Parses and validates a body's text: the value, or a 400 naming every problem. `parsed` is told the
 * value once it is JSON, valid or not (the request record keeps it).
 */
export function checkBody(
  spec: RequestBodySpec,
  text: string,
  apiVersion: string,
  parsed: (value: unknown) => void = () => undefined,
): { value: unknown } | ErrorAnswer {
  if (text.trim() === '') {
    if (!spec.required) return { value: undefined };
    return missingBody(spec);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, code: 'ValidationError', detail: ['The request body is not valid JSON.'] };
  }
  parsed(value);
  if (!spec.validate(value)) {
    return { status: 400, code: 'ValidationError', detail: describeBodyErrors(spec.validate.errors ?? [], apiVersion) };
  }
  return { value };
}

export function missingBody(spec: RequestBodySpec): ErrorAnswer {
  const what = spec.title ? `a JSON ${spec.title}` : 'a JSON body';
  return { status: 400, code: 'ValidationError', detail: [`The request body is required: ${what}.`] };
}
