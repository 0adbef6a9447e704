/**
 * One kubeconfig file as an editable YAML document, read as kubectl reads it: YAML 1.1 (anchors,
 * aliases and `<<` merge keys resolved, `yes`/`no` booleans), the last of duplicate keys wins, and an
 * empty or comments-only file is an empty kubeconfig. Edits keep the meaning of everything they do not
 * name: they go into the block kubectl reads (the last of duplicate keys), and an alias pointing into
 * an entry that is replaced becomes a copy of what it pointed to. What kubectl cannot read, or what
 * cannot be edited safely, is refused with a message naming the file.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { KubeconfigFileError } from './kubeconfig-errors.js';

export type Section = 'clusters' | 'users' | 'contexts';
export const SECTIONS: readonly Section[] = ['clusters', 'users', 'contexts'];
/** The key of each section's entries that holds the entry's body. */
export const BODY_KEY = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;
export type Plain = Record<string, unknown>;

/** How kubectl parses (go-yaml: YAML 1.1); duplicate keys are allowed, the last one wins. */
export const YAML_OPTIONS = { version: '1.1', uniqueKeys: false } as const;
const TO_JS = { maxAliasCount: 10_000 };

/** What a new file holds before the merge's entries: what `kubectl config` writes. */
const NEW_FILE: Plain = {
  apiVersion: 'v1',
  kind: 'Config',
  preferences: {},
  clusters: [],
  users: [],
  contexts: [],
  'current-context': '',
};

const isPlain = (value: unknown): value is Plain =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** The last pair of `map` with key `key`: the one kubectl reads. */
function lastPair(map: YAMLMap, key: string): Pair | undefined {
  for (let index = map.items.length - 1; index >= 0; index--) {
    const pair = map.items[index] as Pair;
    const name = isScalar(pair.key) ? pair.key.value : pair.key;
    if (name === key) return pair;
  }
  return undefined;
}

export class KubeconfigDocument {
  /** True once an edit was made. */
  changed = false;

  private constructor(
    readonly path: string,
    private readonly document: Document,
    private readonly data: Plain,
    private readonly indentSeq: boolean,
  ) {}

  /** Reads `text` (undefined: no file yet) of the file `path`; throws a KubeconfigFileError. */
  static open(text: string | undefined, path: string): KubeconfigDocument {
    const document = parseDocument(text ?? '', YAML_OPTIONS);
    const refuse = (why: string) =>
      new KubeconfigFileError(`${path} is not a kubeconfig (${why}); it was left untouched`, path);
    const [error] = document.errors;
    if (error?.code === 'MULTIPLE_DOCS') {
      throw new KubeconfigFileError(
        `${path} holds several YAML documents (kubectl reads only the first); it was left untouched`,
        path,
      );
    }
    if (error) {
      const line = error.linePos?.[0]?.line;
      throw new KubeconfigFileError(
        `${path} is not valid YAML${line ? ` (line ${line}: ${error.code})` : ` (${error.code})`}; it was left untouched`,
        path,
      );
    }
    const contents = document.contents;
    const empty = contents === null || (isScalar(contents) && contents.value === null);
    if (!empty && !isMap(contents)) throw refuse('not a YAML mapping');
    let data: Plain = {};
    if (!empty) {
      try {
        data = document.toJS(TO_JS) as Plain;
      } catch (cause) {
        throw refuse(`its YAML cannot be resolved: ${(cause as Error).message}`);
      }
    }
    KubeconfigDocument.check(data, refuse, empty ? undefined : (contents as YAMLMap));
    // kubectl writes `- name:` at its parent's indent; keep a file's own style when it indents.
    const indentSeq = /^(clusters|users|contexts):[ \t]*(#.*)?\r?\n[ \t]+- /m.test(text ?? '');
    return new KubeconfigDocument(path, document, data, indentSeq);
  }

  /** Refuses what kubectl cannot read (or what scp-ske cannot edit): see kubectl's errors in the messages. */
  private static check(data: Plain, refuse: (why: string) => Error, root: YAMLMap | undefined): void {
    const kind = data.kind;
    if (kind !== undefined && kind !== null && kind !== 'Config') {
      throw refuse(`kind is "${String(kind)}", expected "Config"`);
    }
    const current = data['current-context'];
    if (current !== undefined && current !== null && typeof current !== 'string') {
      throw refuse('"current-context" is not a string');
    }
    for (const section of SECTIONS) {
      const value = data[section];
      if (value === undefined || value === null) continue;
      if (!Array.isArray(value)) throw refuse(`"${section}" is not a list`);
      if (root && !lastPair(root, section)) throw refuse(`"${section}" comes from a YAML merge key (<<)`);
      const seen = new Set<string>();
      value.forEach((entry: unknown, index) => {
        if (!isPlain(entry)) throw refuse(`${section}[${index}] is not a mapping`);
        const name = entry.name ?? '';
        if (typeof name !== 'string') throw refuse(`${section}[${index}].name is not a string`);
        if (seen.has(name)) throw refuse(`two ${section} are named "${name}", which kubectl refuses`);
        seen.add(name);
      });
    }
  }

  /** The entries of `section`, as kubectl reads them (aliases and merge keys resolved). */
  entries(section: Section): Plain[] {
    return (this.data[section] as Plain[] | undefined | null) ?? [];
  }

  /** The entry of `section` named `name`, and its position. */
  find(section: Section, name: string): { index: number; entry: Plain } | undefined {
    const index = this.entries(section).findIndex((entry) => (entry.name ?? '') === name);
    const entry = this.entries(section)[index];
    return entry ? { index, entry } : undefined;
  }

  /** The file's current context; '' when it sets none. */
  currentContext(): string {
    return (this.data['current-context'] as string | undefined | null) ?? '';
  }

  private root(): YAMLMap {
    if (!isMap(this.document.contents)) this.document.contents = this.document.createNode(NEW_FILE) as YAMLMap;
    return this.document.contents as YAMLMap;
  }

  private node(value: unknown): Node {
    return this.document.createNode(value, { aliasDuplicateObjects: false }) as Node;
  }

  /** The sequence kubectl reads for `section`, created (empty, block style) when there is none. */
  private sequence(section: Section): YAMLSeq {
    const root = this.root();
    const pair = lastPair(root, section);
    const value = isAlias(pair?.value) ? pair.value.resolve(this.document) : pair?.value;
    if (isSeq(value)) {
      if (value.items.length === 0) value.flow = false;
      return value;
    }
    const created = this.node([]) as YAMLSeq;
    if (pair) pair.value = created;
    else root.items.push(this.document.createPair(section, created) as Pair);
    this.data[section] = [];
    return created;
  }

  /** Replaces every alias that points into `removed` (outside it) with a copy of its value. */
  private detachAliasesInto(removed: unknown): void {
    const anchored = new Set<unknown>();
    visit(removed as Node, {
      Node: (_key, node) => {
        if (node.anchor) anchored.add(node);
      },
    });
    if (anchored.size === 0) return;
    visit(this.document, {
      Alias: (_key, alias, path) => {
        if (path.includes(removed as Node)) return undefined;
        const source = alias.resolve(this.document);
        return source && anchored.has(source) ? this.node(source.toJS(this.document, TO_JS)) : undefined;
      },
    });
  }

  replace(section: Section, index: number, entry: Plain): void {
    const sequence = this.sequence(section);
    this.detachAliasesInto(sequence.items[index]);
    sequence.items[index] = this.node(entry);
    this.entries(section)[index] = entry;
    this.changed = true;
  }

  add(section: Section, entry: Plain): void {
    this.sequence(section).items.push(this.node(entry));
    this.entries(section).push(entry);
    this.changed = true;
  }

  setCurrentContext(name: string): void {
    const root = this.root();
    const pair = lastPair(root, 'current-context');
    if (pair && isScalar(pair.value)) pair.value.value = name;
    else if (pair) pair.value = this.node(name);
    else root.items.push(this.document.createPair('current-context', name) as Pair);
    this.data['current-context'] = name;
    this.changed = true;
  }

  toString(): string {
    return this.document.toString({ lineWidth: 0, indentSeq: this.indentSeq });
  }
}
