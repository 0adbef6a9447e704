/**
 * A request body from the command line, derived from the request schema of the chosen version:
 * every top-level field the command line can express is a flag named after it (`vpc_id` →
 * `--vpc-id`): a string or a number takes a value, a boolean is `--field` / `--no-field`, a list of
 * strings is repeatable (or comma-separated), a list of `{ key, value[, effect] }` is repeatable as
 * `KEY=VALUE[:EFFECT]` (labels, taints, tags). `--from-file FILE` (YAML or JSON) gives the whole body
 * or part of it; a flag wins over the file's field. Fields the command line cannot express (nested
 * objects) come from the file only. The body is then checked against the schema (Ajv, every problem
 * at once) and against the fields the schema has: a BodyError naming each bad field, before any request.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { SkeError } from '@scp-ske/client';
import type { JsonSchema } from './spec-document.js';
import { oneLine } from './terminal-text.js';
import { UsageError } from './usage.js';

type Kind = 'string' | 'number' | 'boolean' | 'list' | 'pairs';

/** One body field the command line expresses as a flag. */
export interface BodyFlag {
  flag: string;
  field: string;
  kind: Kind;
  description?: string;
  /** The schema's type (without null) and example, for the help. */
  type?: string;
  example?: unknown;
}

/** The schema's type without `null`. */
const typeOf = (schema: JsonSchema | undefined): string | undefined =>
  [schema?.type ?? []].flat().find((type) => type !== 'null');

function kindOf(schema: JsonSchema): Kind | undefined {
  const type = typeOf(schema);
  if (type === 'string') return 'string';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type !== 'array') return undefined;
  const items = schema.items;
  if (typeOf(items) === 'string') return 'list';
  const keys = Object.keys(items?.properties ?? {});
  if (
    typeOf(items) === 'object' &&
    keys.includes('key') &&
    keys.every((key) => ['key', 'value', 'effect'].includes(key))
  )
    return 'pairs';
  return undefined;
}

export const flagName = (field: string) => field.replaceAll('_', '-');

/**
 * The flags of a body schema. `reserved` are fields the command fills itself (`cluster_id` from
 * `--cluster`): no flag of their own.
 */
export function bodyFlags(schema: JsonSchema, reserved: readonly string[] = []): BodyFlag[] {
  const flags: BodyFlag[] = [];
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const kind = kindOf(property);
    if (kind === undefined || reserved.includes(field)) continue;
    flags.push({
      flag: flagName(field),
      field,
      kind,
      ...(property.description !== undefined && { description: property.description }),
      ...(typeOf(property) !== undefined && { type: typeOf(property) }),
      ...(property.example !== undefined && { example: property.example }),
    });
  }
  return flags;
}

/** The fields only --from-file can give. */
export const fileOnlyFields = (schema: JsonSchema, reserved: readonly string[] = []): string[] =>
  Object.entries(schema.properties ?? {})
    .filter(([field, property]) => kindOf(property) === undefined && !reserved.includes(field))
    .map(([field]) => field);

/** The parseArgs options of the body flags (a boolean also as `--no-<flag>`). */
export function bodyOptions(flags: readonly BodyFlag[]): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    flags.map(({ flag, kind }) => [
      flag,
      kind === 'boolean'
        ? { type: 'boolean' as const }
        : kind === 'list' || kind === 'pairs'
          ? { type: 'string' as const, multiple: true }
          : { type: 'string' as const },
    ]),
  );
}

/** `KEY=VALUE[:EFFECT]` as `{ key, value[, effect] }`. */
function pair(text: string, flag: string, withEffect: boolean): Record<string, string> {
  const match = /^([^=:]+)(?:=([^:]*))?(?::(.+))?$/.exec(text);
  if (!match) throw new UsageError(`--${flag}: expected KEY=VALUE${withEffect ? ':EFFECT' : ''}, received "${text}"`);
  const [, key = '', value, effect] = match;
  return { key, ...(value !== undefined && { value }), ...(effect !== undefined && { effect }) };
}

/** The body fields the flags give. */
export function fieldsFromFlags(
  flags: readonly BodyFlag[],
  values: Record<string, unknown>,
  schema: JsonSchema,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { flag, field, kind } of flags) {
    const value = values[flag];
    if (value === undefined) continue;
    if (kind === 'number') {
      const text = String(value);
      body[field] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    } else if (kind === 'list') {
      body[field] = (value as string[]).flatMap((item) => item.split(',')).filter((item) => item !== '');
    } else if (kind === 'pairs') {
      const withEffect = Object.hasOwn(schema.properties?.[field]?.items?.properties ?? {}, 'effect');
      body[field] = (value as string[]).map((item) => pair(item, flag, withEffect));
    } else {
      body[field] = value;
    }
  }
  return body;
}

/** The mapping a --from-file holds (YAML or JSON). The file is only read. */
export async function readBodyFile(file: string, cwd = process.cwd()): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--from-file: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new UsageError(`--from-file: ${file} is neither YAML nor JSON: ${oneLine((error as Error).message)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`--from-file: ${file} must hold one mapping of the request's fields`);
  }
  return data as Record<string, unknown>;
}

/** A request body the schema refuses: every bad field, one per line. Exit 2, nothing sent. */
export class BodyError extends SkeError {
  override readonly name = 'BodyError';
  constructor(
    readonly operation: string,
    readonly problems: readonly string[],
  ) {
    super(
      'ERR_SKE_REQUEST_BODY',
      `the request of ${operation} is not valid; nothing was sent:\n${problems.map((line) => `  ${line}`).join('\n')}`,
    );
  }
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  parentSchema?: JsonSchema;
  data?: unknown;
}

const fieldOf = (path: string) => path.replace(/^\//, '').replaceAll('/', '.');

function describe(error: AjvError, flags: ReadonlyMap<string, BodyFlag>): string {
  if (error.keyword === 'required') {
    const field = [fieldOf(error.instancePath), String(error.params.missingProperty)].filter(Boolean).join('.');
    const flag = flags.get(field);
    const given =
      flag === undefined
        ? ''
        : flag.kind === 'boolean'
          ? `--${flag.flag} or --no-${flag.flag}, or `
          : `--${flag.flag}, or `;
    return `${field}: required (${given}--from-file)`;
  }
  const field = fieldOf(error.instancePath) || '(the body)';
  const hint =
    error.parentSchema?.description && error.keyword === 'pattern' ? ` (${error.parentSchema.description})` : '';
  const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).join(', ')}` : '';
  const received = error.data === undefined ? '' : `, received ${oneLine(JSON.stringify(error.data) ?? '')}`;
  return `${field}: ${error.message ?? error.keyword}${allowed}${hint}${received}`;
}

/**
 * Checks `body` against `schema`: the schema's own rules (Ajv, draft 2020-12 as OpenAPI 3.1) and no
 * top-level field the schema does not have. `operation` and `version` name the request in the error.
 */
export async function checkBody(
  body: Record<string, unknown>,
  schema: JsonSchema,
  where: { operation: string; version: string; flags: readonly BodyFlag[] },
): Promise<void> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateFormats: false });
  const validate = ajv.compile(schema);
  const flags = new Map(where.flags.map((flag) => [flag.field, flag]));
  const problems: string[] = [];
  const known = Object.keys(schema.properties ?? {});
  for (const field of Object.keys(body)) {
    if (!known.includes(field)) {
      problems.push(
        `${oneLine(field)}: not a field of this request in ske ${where.version} (it has ${known.join(', ')})`,
      );
    }
  }
  if (!validate(body)) {
    const seen = new Set<string>();
    for (const error of (validate.errors ?? []) as AjvError[]) {
      // A oneOf/anyOf summary line repeats what its branches said.
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
      const line = describe(error, flags);
      if (!seen.has(line)) problems.push(line);
      seen.add(line);
    }
  }
  if (problems.length > 0) throw new BodyError(`${where.operation} (ske ${where.version})`, problems);
}
