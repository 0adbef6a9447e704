/**
 * Plans a merge of one cluster, user and context into a user's kubeconfig files (one file, or the
 * list of `$KUBECONFIG`), by kubectl's rules, without touching any file: what each file's text
 * becomes, and the change list. An entry is modified in the first file that defines it (the one
 * kubectl reads); a new one goes to the first file that exists, else to the last one, created. The
 * current context changes only when asked (`setCurrent`) or when none is set, in the file that sets
 * it, else the file of new entries. Replacing an entry of another cluster (a cluster entry of another
 * server, a context of another cluster or user, a user that another cluster's context uses) is a
 * conflict: refused unless `overwrite`. Everything the merge does not name keeps its meaning.
 */
import { isDeepStrictEqual } from 'node:util';
import type { IncomingEntries, NamedEntry } from './incoming-kubeconfig.js';
import { BODY_KEY, KubeconfigDocument, type Plain, type Section } from './kubeconfig-document.js';
import { type Conflict, KubeconfigConflictError } from './kubeconfig-errors.js';
import { fileForNewValues } from './kubeconfig-files.js';

export interface SourceFile {
  path: string;
  /** Its text; undefined when the file does not exist. */
  text: string | undefined;
}

export interface MergeOptions {
  /** Make the merged context the current one. */
  setCurrent?: boolean;
  /** Replace entries that belong to another cluster instead of refusing. */
  overwrite?: boolean;
}

export interface Change {
  section: Section | 'current-context';
  name: string;
  /** `kept`: the entry was there already, as the merge would write it. */
  action: 'added' | 'replaced' | 'kept' | 'set';
  /** The file the entry is in. */
  file: string;
  /** For `current-context`: the one before ('' for none). */
  previous?: string;
}

export interface FileWrite {
  path: string;
  text: string;
  created: boolean;
}

export interface MergePlan {
  changes: Change[];
  /** The files to write, in order (the one whose current context changes comes last). */
  writes: FileWrite[];
  changed: boolean;
  /** The merged context's name. */
  context: string;
  currentContext: { before: string; after: string };
}

interface Loaded {
  path: string;
  exists: boolean;
  document: KubeconfigDocument;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : String(value));

/** The first file that defines `name` in `section`: where kubectl reads it from, and where it is modified. */
function definedIn(files: Loaded[], section: Section, name: string) {
  for (const file of files) {
    const found = file.exists ? file.document.find(section, name) : undefined;
    if (found) return { file, ...found };
  }
  return undefined;
}

/** Every context kubectl sees (the first definition of each name): name → its cluster and user. */
function effectiveContexts(files: Loaded[]): Map<string, { cluster: string; user: string }> {
  const contexts = new Map<string, { cluster: string; user: string }>();
  for (const file of files) {
    for (const entry of file.document.entries('contexts')) {
      const name = str(entry.name);
      const body = (entry.context ?? {}) as Plain;
      if (!contexts.has(name)) contexts.set(name, { cluster: str(body.cluster), user: str(body.user) });
    }
  }
  return contexts;
}

/** Why replacing `existing` (an entry of `section`) with `wanted` would take it from another cluster, if it would. */
function conflictReason(
  section: Section,
  existing: Plain,
  wanted: NamedEntry,
  incoming: IncomingEntries,
  contexts: Map<string, { cluster: string; user: string }>,
): string | undefined {
  const body = (existing[BODY_KEY[section]] ?? {}) as Plain;
  if (section === 'clusters') {
    return body.server === wanted.body.server
      ? undefined
      : `points at ${str(body.server) || 'no server'}, not ${str(wanted.body.server)}`;
  }
  if (section === 'contexts') {
    const [cluster, user] = [str(body.cluster), str(body.user)];
    return cluster === incoming.cluster.name && user === incoming.user.name
      ? undefined
      : `is for cluster "${cluster}" and user "${user}", not cluster "${incoming.cluster.name}" and user "${incoming.user.name}"`;
  }
  const others = [...contexts]
    .filter(([name, context]) => name !== incoming.context.name && context.user === wanted.name)
    .filter(([, context]) => context.cluster !== incoming.cluster.name);
  return others.length === 0
    ? undefined
    : `is the user of ${others.map(([name, context]) => `context "${name}" (cluster "${context.cluster}")`).join(', ')}`;
}

export function planKubeconfigMerge(
  sources: SourceFile[],
  incoming: IncomingEntries,
  options: MergeOptions = {},
): MergePlan {
  if (sources.length === 0) throw new Error('planKubeconfigMerge: no kubeconfig file');
  const files: Loaded[] = sources.map((source) => ({
    path: source.path,
    exists: source.text !== undefined,
    document: KubeconfigDocument.open(source.text, source.path),
  }));
  const newValues = fileForNewValues(files, (file) => file.exists);
  const contexts = effectiveContexts(files);
  const changes: Change[] = [];
  const conflicts: Conflict[] = [];
  const edits: (() => void)[] = [];

  for (const [section, wanted] of [
    ['clusters', incoming.cluster],
    ['users', incoming.user],
    ['contexts', incoming.context],
  ] as const) {
    const entry = { name: wanted.name, [BODY_KEY[section]]: wanted.body };
    const found = definedIn(files, section, wanted.name);
    if (!found) {
      edits.push(() => newValues.document.add(section, entry));
      changes.push({ section, name: wanted.name, action: 'added', file: newValues.path });
      continue;
    }
    const reason = conflictReason(section, found.entry, wanted, incoming, contexts);
    // A context of this cluster and user stays as it is (with its namespace, say).
    const same = isDeepStrictEqual(found.entry, entry) || (section === 'contexts' && reason === undefined);
    if (same) {
      changes.push({ section, name: wanted.name, action: 'kept', file: found.file.path });
      continue;
    }
    if (reason) conflicts.push({ section, name: wanted.name, file: found.file.path, reason });
    edits.push(() => found.file.document.replace(section, found.index, entry));
    changes.push({ section, name: wanted.name, action: 'replaced', file: found.file.path });
  }
  if (conflicts.length > 0 && !options.overwrite) throw new KubeconfigConflictError(conflicts);
  for (const edit of edits) edit();

  // The file kubectl takes the current context from: the first that sets one.
  const holder = files.find((file) => file.exists && file.document.currentContext() !== '');
  const before = holder?.document.currentContext() ?? '';
  let after = before;
  const name = incoming.context.name;
  if (before !== name && (options.setCurrent || before === '')) {
    const target = holder ?? newValues;
    target.document.setCurrentContext(name);
    after = name;
    changes.push({ section: 'current-context', name, action: 'set', file: target.path, previous: before });
  }

  const last = after !== before ? (holder ?? newValues) : undefined;
  const writes = files
    .filter((file) => file.document.changed)
    .sort((a, b) => Number(a === last) - Number(b === last))
    .map((file) => ({ path: file.path, text: file.document.toString(), created: !file.exists }));
  return { changes, writes, changed: writes.length > 0, context: name, currentContext: { before, after } };
}
