/**
 * @scp-ske/spec: the SKE OpenAPI documents per API version and the lifecycle manifest, as data.
 *
 * The documents are files in this package (`openapi/ske-<version>.<json|yaml>`, and the dereferenced
 * form `openapi/ske-<version>.dereferenced.json`);
 * this entry gives their paths, loads them, and exposes the manifest as a typed constant.
 */
import { fileURLToPath } from 'node:url';
import { manifest } from './generated/manifest.js';
import type { DocumentForm, DocumentFormat } from './manifest-types.js';

export {
  type ContractDifference,
  contractDifferences,
  type DeclaredDifference,
  declaredDifferences,
  describeDeclaredDifference,
  normalizeContract,
} from './contract-diff.js';
export { findVersion, isServed, judgeLifecycle, type LifecycleVerdict, utcDay } from './lifecycle.js';
export type {
  DocumentForm,
  DocumentFormat,
  LifecycleState,
  Manifest,
  VersionEntry,
  VersionsFile,
} from './manifest-types.js';
export { manifest };

/** A version this package describes, e.g. `'1.3'`. */
export type SkeVersion = (typeof manifest.versions)[number]['version'];
/** Its `Scp-Api-Version` header value, e.g. `'ske 1.3'`. */
export type SkeApiVersion = (typeof manifest.versions)[number]['apiVersion'];

const versionList = (): readonly SkeVersion[] => manifest.versions.map((entry) => entry.version);
/** Every version, oldest first. (Pure, so that bundles that only judge lifecycles leave the manifest out.) */
export const versions: readonly SkeVersion[] = /* @__PURE__ */ versionList();

function entryOf(version: SkeVersion) {
  const entry = manifest.versions.find((candidate) => candidate.version === version);
  if (!entry) {
    throw new RangeError(
      `@scp-ske/spec: unknown SKE version "${String(version)}"; expected one of ${versions.join(', ')}`,
    );
  }
  return entry;
}

/** Absolute path of a version's document: the bundled form as JSON or YAML, the dereferenced form as JSON. */
export function documentPath(version: SkeVersion, form?: 'bundled', format?: DocumentFormat): string;
export function documentPath(version: SkeVersion, form: 'dereferenced', format?: 'json'): string;
export function documentPath(version: SkeVersion, form: DocumentForm, format: 'json'): string;
export function documentPath(
  version: SkeVersion,
  form: DocumentForm = 'bundled',
  format: DocumentFormat = 'json',
): string {
  const file = (entryOf(version).files[form] as Partial<Record<DocumentFormat, string>>)[format];
  if (!file) throw new RangeError(`@scp-ske/spec: the ${form} form of ske ${version} is published as JSON only`);
  return fileURLToPath(new URL(`../${file}`, import.meta.url));
}

/** Reads and parses a version's JSON document. */
export async function loadDocument(version: SkeVersion, form: DocumentForm = 'bundled'): Promise<OpenApiDocument> {
  // Loaded here: a program that bundles this package for its manifest alone never loads node:fs/promises.
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(documentPath(version, form, 'json'), 'utf8')) as OpenApiDocument;
}

/** The minimum this package promises about a document's shape; the rest is plain OpenAPI 3.1. */
export interface OpenApiDocument {
  openapi: string;
  info: { version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
