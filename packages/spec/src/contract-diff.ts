/**
 * The cross-version contract comparison: every version's document, less what is legitimately its
 * own (its version number and lifecycle), compared with a reference version, difference by
 * difference (JSON pointer, both values). The compatibility app and the docs index both use this.
 */
import type { OpenApiDocument } from './index.js';

export interface ContractDifference {
  version: string;
  reference: string;
  /** JSON pointer into the normalized document. */
  pointer: string;
  /** The reference version's value (undefined: absent there). */
  expected: unknown;
  /** This version's value (undefined: absent here). */
  actual: unknown;
}

const PER_VERSION_OPERATION_KEYS = ['x-scp-lifecycle', 'x-codeSamples'];
const API_VERSION_HEADER = 'scp-api-version';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy without `info` (the version and its lifecycle) and without per-version operation details. */
export function normalizeContract(document: OpenApiDocument): Json {
  const copy = structuredClone(document) as { [key: string]: Json };
  delete copy.info;
  for (const item of Object.values((copy.paths ?? {}) as Record<string, Record<string, Json>>)) {
    for (const operation of Object.values(item)) {
      if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) continue;
      for (const key of PER_VERSION_OPERATION_KEYS) delete operation[key];
      const example = operation['x-scp-example-request'] as { headers?: Record<string, Json> } | undefined;
      if (example?.headers) delete example.headers['Scp-Api-Version'];
      for (const parameter of (operation.parameters ?? []) as { [key: string]: Json }[]) {
        if (String(parameter.name).toLowerCase() !== API_VERSION_HEADER) continue;
        delete parameter.schema;
        delete parameter.example;
      }
    }
  }
  const parameters = (copy.components as { parameters?: Record<string, { [key: string]: Json }> } | undefined)
    ?.parameters;
  for (const parameter of Object.values(parameters ?? {})) {
    if (String(parameter.name).toLowerCase() !== API_VERSION_HEADER) continue;
    delete parameter.schema;
    delete parameter.example;
  }
  return copy;
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function diff(
  expected: Json | undefined,
  actual: Json | undefined,
  pointer: string,
  out: [string, unknown, unknown][],
): void {
  const bothObjects =
    expected !== null &&
    actual !== null &&
    typeof expected === 'object' &&
    typeof actual === 'object' &&
    Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push([pointer || '/', expected, actual]);
    return;
  }
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  for (const key of keys) {
    diff(
      (expected as Record<string, Json>)[key],
      (actual as Record<string, Json>)[key],
      `${pointer}/${escapePointer(key)}`,
      out,
    );
  }
}

/** Differences of every version from `reference` (default: the last, i.e. newest, document given). */
export function contractDifferences(
  documents: Readonly<Record<string, OpenApiDocument>>,
  reference: string = Object.keys(documents).at(-1) as string,
): ContractDifference[] {
  const base = documents[reference];
  if (!base) throw new RangeError(`contractDifferences: no document for the reference version ${reference}`);
  const normalizedBase = normalizeContract(base);
  const differences: ContractDifference[] = [];
  for (const [version, document] of Object.entries(documents)) {
    if (version === reference) continue;
    const found: [string, unknown, unknown][] = [];
    diff(normalizedBase, normalizeContract(document), '', found);
    for (const [pointer, expected, actual] of found)
      differences.push({ version, reference, pointer, expected, actual });
  }
  return differences;
}
