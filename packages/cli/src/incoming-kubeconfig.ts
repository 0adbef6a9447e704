/**
 * The entries a merge adds, from the kubeconfig SKE returned: its current context (else its first),
 * and the cluster and user that context names, renamed as kubeconfig-names.ts says; the context then
 * points at the renamed cluster and user.
 */
import { parse } from 'yaml';
import { BODY_KEY, type Plain, YAML_OPTIONS } from './kubeconfig-document.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import type { EntryNames } from './kubeconfig-names.js';

export interface NamedEntry {
  name: string;
  body: Plain;
}

export interface IncomingEntries {
  cluster: NamedEntry;
  user: NamedEntry;
  context: NamedEntry;
}

const isPlain = (value: unknown): value is Plain =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function entry(document: Plain, section: keyof typeof BODY_KEY, name: unknown): NamedEntry {
  const list = document[section];
  const found = Array.isArray(list)
    ? list.find((item: unknown) => isPlain(item) && (name === undefined || item.name === name))
    : undefined;
  const body = isPlain(found) ? found[BODY_KEY[section]] : undefined;
  if (!isPlain(found) || typeof found.name !== 'string' || !isPlain(body)) {
    const which = name === undefined ? 'an entry' : `an entry named "${String(name)}"`;
    throw new KubeconfigFileError(`the kubeconfig SKE returned has no usable ${section} (${which} is missing)`);
  }
  return { name: found.name, body };
}

/** Reads SKE's kubeconfig (already checked by the client) into the entries to merge. */
export function readIncoming(text: string): IncomingEntries {
  const document = parse(text, YAML_OPTIONS) as unknown;
  if (!isPlain(document)) throw new KubeconfigFileError('the kubeconfig SKE returned is not a YAML mapping');
  const current = typeof document['current-context'] === 'string' ? document['current-context'] : '';
  const hasCurrent = Array.isArray(document.contexts) && document.contexts.some((c: Plain) => c?.name === current);
  const context = entry(document, 'contexts', hasCurrent ? current : undefined);
  return {
    cluster: entry(document, 'clusters', context.body.cluster),
    user: entry(document, 'users', context.body.user),
    context,
  };
}

/** The entries under their names in the user's kubeconfig. */
export function renameIncoming(incoming: IncomingEntries, names: EntryNames): IncomingEntries {
  return {
    cluster: { name: names.cluster, body: incoming.cluster.body },
    user: { name: names.user, body: incoming.user.body },
    context: { name: names.context, body: { ...incoming.context.body, cluster: names.cluster, user: names.user } },
  };
}
