/** What the spec differ's modules share: the change model, the collector, and small JSON helpers. */
export type ChangeSeverity = 'breaking' | 'non-breaking' | 'informational';

/** The severities, worst first. */
export const SEVERITIES: readonly ChangeSeverity[] = ['breaking', 'non-breaking', 'informational'];

export interface SpecChange {
  severity: ChangeSeverity;
  /**
   * Where: a JSON pointer (`#/paths/~1v1~1clusters/get/parameters/3`) into the dereferenced form of
   * the later document (`ske-<v>.dereferenced.json`), or of the earlier one for something removed.
   * A change in a shared component is reported at every operation that uses it.
   */
  pointer: string;
  /** One line: what changed and, when it breaks, why. */
  message: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the differ reads arbitrary JSON documents.
export type Json = any;
export type Key = string | number;
export type Direction = 'request' | 'response';

const escapeKey = (key: Key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');
export const toPointer = (path: readonly Key[]) => `#${path.map((key) => `/${escapeKey(key)}`).join('')}`;

export const isObject = (value: unknown): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Structural equality; a pair met again on the way down (a cyclic schema) counts as equal so far. */
export function deepEqual(a: unknown, b: unknown, active = new WeakMap<object, WeakSet<object>>()): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  const pairs = active.get(a) ?? new WeakSet<object>();
  if (pairs.has(b)) return true;
  pairs.add(b);
  active.set(a, pairs);
  try {
    return aKeys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], active),
    );
  } finally {
    pairs.delete(b);
  }
}

export const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/** What every comparison writes to, and knows about both documents. */
export class Changes {
  readonly list: SpecChange[] = [];
  constructor(
    readonly before: Json,
    readonly after: Json,
    /** The day the lifecycle is judged on (whether a version is still served). */
    readonly at: Date,
  ) {}
  /** Whether both documents describe the same API version (two revisions of one document). */
  get sameVersion(): boolean {
    return this.before?.info?.version === this.after?.info?.version;
  }
  add(severity: ChangeSeverity, path: readonly Key[], message: string): void {
    this.list.push({ severity, pointer: toPointer(path), message });
  }
  /** A change that lets a value hold more: fine for a request, breaking for an answer. */
  widened(direction: Direction, path: readonly Key[], message: string, why = ''): void {
    const breaking = direction === 'response';
    this.add(breaking ? 'breaking' : 'non-breaking', path, breaking && why ? `${message} (${why})` : message);
  }
  /** A change that lets a value hold less: breaking for a request, fine for an answer. */
  narrowed(direction: Direction, path: readonly Key[], message: string, why = ''): void {
    const breaking = direction === 'request';
    this.add(breaking ? 'breaking' : 'non-breaking', path, breaking && why ? `${message} (${why})` : message);
  }
}

/** Keys that only document: a change there is informational. */
export const ANNOTATIONS = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  '$comment',
  'tags',
  'x-codeSamples',
  'links',
]);

/**
 * The keys a comparison did not handle itself: annotations and `x-` extensions are informational,
 * anything else is a change the differ does not judge, reported as breaking so that it is looked at.
 */
export function compareRest(
  out: Changes,
  before: Json,
  after: Json,
  path: readonly Key[],
  handled: ReadonlySet<string>,
  subject: string,
): void {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (handled.has(key)) continue;
    const b = before?.[key];
    const a = after?.[key];
    if (deepEqual(b, a)) continue;
    const verb = b === undefined ? 'added' : a === undefined ? 'removed' : 'changed';
    if (ANNOTATIONS.has(key) || key.startsWith('x-'))
      out.add('informational', [...path, key], `${subject}: ${key} ${verb}`);
    else
      out.add(
        'breaking',
        [...path, key],
        `${subject}: ${key} ${verb} (a change this differ does not judge; treated as breaking so that someone does)`,
      );
  }
}
