/**
 * Checks that a body is a kubeconfig (apiVersion v1, kind Config, clusters, users, contexts) and
 * reads what a caller wants at once: the API server URL and the context names. It reads any YAML
 * that kubectl reads (anchors and aliases, merge keys, block scalars, flow style, comments, CRLF, a
 * byte order mark, the JSON form) with the `yaml` library, loaded on the first kubeconfig read so
 * that a client that never reads one does not load it.
 */
import { SkeError } from '@scp-ske/signing';

/** The body is not a kubeconfig; `reason` says what is missing. The body itself is never quoted. */
export class KubeconfigFormatError extends SkeError {
  override readonly name = 'KubeconfigFormatError';
  constructor(readonly reason: string) {
    super('ERR_SKE_KUBECONFIG_FORMAT', `The response is not a kubeconfig: ${reason}`);
  }
}

export interface KubeconfigSummary {
  /** The API server of the current context's cluster (else of the first cluster). */
  server: string;
  contexts: string[];
  currentContext: string | undefined;
}

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

/** Parses YAML as kubectl does (YAML 1.1, as go-yaml reads it: merge keys, yes/no booleans). */
async function parseYaml(text: string): Promise<unknown> {
  const { parse } = await import('yaml');
  try {
    return parse(text.replace(/^\uFEFF/, ''), { version: '1.1', uniqueKeys: false, maxAliasCount: 1000 });
  } catch (error) {
    // The library's message quotes the offending line, which may hold a token: keep only its position.
    const position = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new KubeconfigFormatError(
      `not readable YAML${position ? ` (line ${position.line}, column ${position.col})` : ''}`,
    );
  }
}

/** Checks a kubeconfig text and reads its server and contexts; a `KubeconfigFormatError` says what is wrong. */
export async function readKubeconfig(text: string): Promise<KubeconfigSummary> {
  const document = await parseYaml(text);
  if (!isMap(document)) throw new KubeconfigFormatError('the document is not a YAML mapping');
  if (document.apiVersion !== 'v1') throw new KubeconfigFormatError('"apiVersion" is not "v1"');
  if (document.kind !== 'Config') throw new KubeconfigFormatError('"kind" is not "Config"');
  const clusters = namedList(document, 'clusters', 'cluster');
  namedList(document, 'users', 'user');
  const contexts = namedList(document, 'contexts', 'context');
  const currentContext = typeof document['current-context'] === 'string' ? document['current-context'] : undefined;
  const clusterName = contexts.find((context) => context.name === currentContext)?.body.cluster;
  const cluster = clusters.find((candidate) => candidate.name === clusterName) ?? clusters[0];
  const server = cluster?.body.server;
  if (typeof server !== 'string' || !/^https?:\/\//.test(server)) {
    throw new KubeconfigFormatError(`cluster "${cluster?.name}" has no http(s) "server"`);
  }
  return { server, contexts: contexts.map((context) => context.name), currentContext };
}
