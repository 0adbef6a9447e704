/**
 * The emulator's Kubernetes API: one HTTPS server (its own CA: certificates.ts) for every cluster
 * the emulator knows, enough of the API for `kubectl version`, `get namespaces`, `get nodes` and
 * `auth whoami`. A request's bearer token says which cluster and who: a cluster's admin token
 * (identity `ske-admin`, group system:masters), or a user token of an access key that may see the
 * cluster and is still accepted (identity the access key). Anything else is 401 with a `Status`; an
 * unknown path is 404 (kubectl tolerates it for /openapi/v2 and /openapi/v3).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { adminToken, userToken } from '../kubeconfig.js';
import type { Entry, Store } from '../state/store.js';
import type { KubeApiCertificates } from './certificates.js';
import { API_GROUPS, AUTHENTICATION_RESOURCES, apiVersions, CORE_RESOURCES, versionInfo } from './discovery.js';
import { list, namespaces, nodes, table } from './resources.js';

export interface KubeApiSource {
  store: Store;
  /** Carries out the changes due (a cluster created since shows up). */
  settle(): void;
  /** Whether an access key is accepted now (not revoked). */
  accepts(accessKey: string): boolean;
  now(): number;
}

export interface KubeApi {
  /** `https://127.0.0.1:PORT`: the server of the kubeconfigs the emulator issues. */
  url: string;
  /** The CA certificate (PEM) those kubeconfigs trust. */
  caPem: string;
  close(): Promise<void>;
}

interface Caller {
  cluster: Entry;
  username: string;
  groups: string[];
}

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The caller a bearer token names, if any. */
function authenticate(source: KubeApiSource, request: IncomingMessage): Caller | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const token = match[1] as string;
  for (const cluster of source.store.tops()) {
    if (sameText(token, adminToken(cluster.id))) {
      return { cluster, username: 'ske-admin', groups: ['system:masters', 'system:authenticated'] };
    }
    for (const accessKey of cluster.accessKeys) {
      if (source.accepts(accessKey) && sameText(token, userToken(accessKey, cluster.id))) {
        return { cluster, username: accessKey, groups: ['ske:users', 'system:authenticated'] };
      }
    }
  }
  return undefined;
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache, private',
  });
  response.end(text);
}

const NAMED = /^\/api\/v1\/(namespaces|nodes)(?:\/([^/]+))?$/;

function answer(source: KubeApiSource, request: IncomingMessage, serverAddress: string): [number, unknown] {
  const caller = authenticate(source, request);
  if (!caller) return [401, status(401, 'Unauthorized', 'Unauthorized')];
  const path = new URL(request.url ?? '/', 'https://kube-api').pathname.replace(/\/+$/, '') || '/';
  const method = request.method ?? 'GET';
  if (method === 'POST' && path === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
    return [
      201,
      {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: { username: caller.username, groups: caller.groups } },
      },
    ];
  }
  if (method !== 'GET') return [405, status(405, 'MethodNotAllowed', `the server does not allow ${method} on ${path}`)];
  if (path === '/version') return [200, versionInfo(String(caller.cluster.value.kubernetes_version ?? 'v1.29.8'))];
  if (path === '/api') return [200, apiVersions(serverAddress)];
  if (path === '/apis') return [200, API_GROUPS];
  if (path === '/api/v1') return [200, CORE_RESOURCES];
  if (path === '/apis/authentication.k8s.io/v1') return [200, AUTHENTICATION_RESOURCES];
  const named = NAMED.exec(path);
  if (named) {
    const kind = named[1] === 'namespaces' ? 'Namespace' : 'Node';
    const items = kind === 'Namespace' ? namespaces(caller.cluster) : nodes(caller.cluster);
    const name = named[2] === undefined ? undefined : decodeURIComponent(named[2]);
    if (name === undefined) {
      const asTable = /as=Table/.test(request.headers.accept ?? '');
      return [200, asTable ? table(kind, items, source.now()) : list(kind, items)];
    }
    const found = items.find((item) => (item.metadata as { name: string }).name === name);
    if (found) return [200, found];
    return [404, status(404, 'NotFound', `${named[1]} "${name}" not found`)];
  }
  return [404, status(404, 'NotFound', 'the server could not find the requested resource')];
}

export async function startKubeApi(
  source: KubeApiSource,
  certificates: KubeApiCertificates,
  options: { host: string; port: number },
): Promise<KubeApi> {
  let serverAddress = '';
  const server: Server = createServer({ cert: certificates.certPem, key: certificates.keyPem }, (request, response) => {
    // A body (a SelfSubjectReview's) is read and dropped: nothing in it changes the answer.
    request.resume();
    request.on('end', () => {
      try {
        source.settle();
        const [code, body] = answer(source, request, serverAddress);
        send(response, code, body);
      } catch {
        send(response, 500, status(500, 'InternalError', 'the emulator failed to answer'));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  serverAddress = `${host}:${address.port}`;
  return {
    url: `https://${serverAddress}`,
    caPem: certificates.caPem,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
