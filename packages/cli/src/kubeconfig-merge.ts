/**
 * Merges one kubeconfig (the cluster, user and context SKE returned) into a user's kubeconfig file,
 * as text: entries of the same name are replaced, everything else, other entries, unknown fields and
 * comments included, is kept. A file that is not a kubeconfig is refused, untouched.
 */
import { SkeError } from '@scp-ske/client';
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';

/** The user's kubeconfig file (or the one SKE sent) cannot be merged; the file is left untouched. */
export class KubeconfigFileError extends SkeError {
  override readonly name = 'KubeconfigFileError';
  constructor(message: string) {
    super('ERR_SKE_KUBECONFIG_FILE', message);
  }
}

type Entry = { name: string; [key: string]: unknown };
type Section = 'clusters' | 'users' | 'contexts';

export interface Incoming {
  clusters: Entry[];
  users: Entry[];
  contexts: Entry[];
  'current-context'?: string;
}

export interface Change {
  section: Section | 'current-context';
  name: string;
  action: 'added' | 'replaced' | 'unchanged' | 'set';
}

export interface MergeOptions {
  /** Name the merged context this instead of what SKE called it. */
  contextName?: string;
  /** Make the merged context the current one. */
  setCurrent?: boolean;
}

const SECTIONS: Section[] = ['clusters', 'users', 'contexts'];

/** Reads SKE's kubeconfig (already checked by the client) into its entries. */
export function readIncoming(text: string): Incoming {
  const data = parseDocument(text).toJS() as Partial<Incoming> | null;
  const incoming = { clusters: data?.clusters ?? [], users: data?.users ?? [], contexts: data?.contexts ?? [] };
  for (const section of SECTIONS) {
    if (!Array.isArray(incoming[section]) || incoming[section].some((entry) => typeof entry?.name !== 'string')) {
      throw new KubeconfigFileError(`the kubeconfig SKE returned has malformed ${section}`);
    }
  }
  return {
    ...incoming,
    ...(typeof data?.['current-context'] === 'string' && { 'current-context': data['current-context'] }),
  };
}

function openExisting(text: string, path: string): Document {
  if (text.trim() === '') {
    return new Document({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: [],
      users: [],
      contexts: [],
      'current-context': '',
    });
  }
  const document = parseDocument(text, { uniqueKeys: false });
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new KubeconfigFileError(
      `${path} is not valid YAML${line ? ` (line ${line}: ${error.code})` : ''}; it was left untouched`,
    );
  }
  if (!isMap(document.contents))
    throw new KubeconfigFileError(`${path} is not a kubeconfig (not a YAML mapping); it was left untouched`);
  const kind = document.get('kind');
  if (kind !== undefined && kind !== null && kind !== 'Config') {
    throw new KubeconfigFileError(
      `${path} is not a kubeconfig (kind is "${String(kind)}", expected "Config"); it was left untouched`,
    );
  }
  for (const section of SECTIONS) {
    const value = document.get(section);
    if (value !== undefined && value !== null && !isSeq(value)) {
      throw new KubeconfigFileError(`${path} is not a kubeconfig ("${section}" is not a list); it was left untouched`);
    }
  }
  return document;
}

/** The sequence style of the user's file: kubectl writes `- name:` at the parent's indent. */
const sequencesIndented = (text: string) => !/^(clusters|users|contexts):\s*\n- /m.test(text);

export function mergeKubeconfig(existing: string, incoming: Incoming, path: string, options: MergeOptions = {}) {
  const document = openExisting(existing, path);
  const root = document.contents as YAMLMap;
  const changes: Change[] = [];
  const contexts = incoming.contexts.map((context) =>
    options.contextName && context.name === incoming.contexts[0]?.name
      ? { ...context, name: options.contextName }
      : context,
  );
  for (const section of SECTIONS) {
    const entries = section === 'contexts' ? contexts : incoming[section];
    let sequence = document.get(section) as YAMLSeq | undefined | null;
    if (!isSeq(sequence)) {
      sequence = document.createNode([]) as YAMLSeq;
      root.set(section, sequence);
    }
    for (const entry of entries) {
      const index = sequence.items.findIndex((item) => isMap(item) && item.get('name') === entry.name);
      if (index === -1) {
        sequence.add(document.createNode(entry));
        changes.push({ section, name: entry.name, action: 'added' });
        continue;
      }
      const current = (sequence.items[index] as YAMLMap).toJSON();
      if (JSON.stringify(current) === JSON.stringify(entry)) {
        changes.push({ section, name: entry.name, action: 'unchanged' });
      } else {
        sequence.items[index] = document.createNode(entry);
        changes.push({ section, name: entry.name, action: 'replaced' });
      }
    }
  }
  const merged = contexts[0]?.name;
  const currentBefore = document.get('current-context');
  if (merged && (options.setCurrent || !currentBefore) && currentBefore !== merged) {
    document.set('current-context', merged);
    changes.push({ section: 'current-context', name: merged, action: 'set' });
  }
  const changed = changes.some((change) => change.action !== 'unchanged');
  const text = changed
    ? document.toString({ lineWidth: 0, indentSeq: existing.trim() === '' ? false : sequencesIndented(existing) })
    : existing;
  return { text, changes, changed, context: merged };
}
