/**
 * The kubeconfig check behind `readKubeconfig`: the text read as kubectl reads it (kubeconfig-yaml.ts),
 * then its shape (apiVersion v1, kind Config, named clusters, users and contexts) and the server of the
 * current context. Only imported dynamically, on the first kubeconfig read.
 */
import { KubeconfigFormatError, type KubeconfigSummary } from './kubeconfig.js';
import { parseKubeconfigYaml } from './kubeconfig-yaml.js';

type Entry = { [key: string]: unknown };

const isMap = (value: unknown): value is Entry => value !== null && typeof value === 'object' && !Array.isArray(value);

function namedList(document: Entry, key: string, inner: string): { name: string; body: Entry }[] {
  const list = document[key];
  if (!Array.isArray(list) || list.length === 0) throw new KubeconfigFormatError(`"${key}" is missing or empty`);
  return list.map((item: unknown, index) => {
    if (!isMap(item) || typeof item.name !== 'string' || item.name === '' || !isMap(item[inner])) {
      throw new KubeconfigFormatError(`${key}[${index}] needs a "name" and a "${inner}" mapping`);
    }
    return { name: item.name, body: item[inner] };
  });
}

/** Checks a kubeconfig text and reads its server and contexts; a `KubeconfigFormatError` says what is wrong. */
export async function checkKubeconfig(text: string): Promise<KubeconfigSummary> {
  const document = await parseKubeconfigYaml(text);
  if (!isMap(document)) throw new KubeconfigFormatError('the document is not a YAML mapping');
  if (document.apiVersion !== 'v1') throw new KubeconfigFormatError('"apiVersion" is not "v1"');
  if (document.kind !== 'Config') throw new KubeconfigFormatError('"kind" is not "Config"');
  const clusters = namedList(document, 'clusters', 'cluster');
  namedList(document, 'users', 'user');
  const contexts = namedList(document, 'contexts', 'context');
  const currentContext = typeof document['current-context'] === 'string' ? document['current-context'] : undefined;
  const clusterName = contexts.find((context) => context.name === currentContext)?.body.cluster;
  // namedList refuses an empty list, so there is a first cluster.
  const cluster = clusters.find((candidate) => candidate.name === clusterName) ?? (clusters[0] as (typeof clusters)[0]);
  const server = cluster.body.server;
  if (typeof server !== 'string' || !/^https?:\/\//.test(server)) {
    throw new KubeconfigFormatError(`cluster "${cluster.name}" has no http(s) "server"`);
  }
  return { server, contexts: contexts.map((context) => context.name), currentContext };
}
