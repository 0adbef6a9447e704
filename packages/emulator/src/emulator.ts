/**
 * The SKE emulator: a local HTTP server that answers `GET /v1/clusters/{cluster_id}/user-kubeconfig`
 * in every version of the spec and `GET /` with the version list, enforcing what SCP enforces, in
 * the gateway's order: route (404) → signature (401) → version (406) → parameters from the spec (400)
 * → cluster (404, 403, 400 for a missing public endpoint) → a real kubeconfig (200).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadDocument, type Manifest, manifest as specManifest, type VersionEntry } from '@scp-ske/spec';
import { authenticate } from './authenticate.js';
import { type ErrorAnswer, envelope, newRequestId } from './envelope.js';
import { type FaultPlan, type Faults, type RouteName, takeFault } from './faults.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS, type EmulatorCredentials } from './fixtures.js';
import { kubeconfigCache } from './kubeconfig.js';
import { selectVersion } from './select-version.js';
import { compileRoutes, matchRoute, type Route, validateParameters } from './spec-validator.js';

export interface EmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /**
   * The emulator's clock: a function returning epoch ms, or a start instant (Date, ISO date string,
   * epoch ms) from which it runs at real speed. It judges signing timestamps, the `Date` header and
   * the version lifecycle. Default: the real clock.
   */
  now?: (() => number) | Date | string | number;
  clusters?: ClusterFixture[];
  credentials?: EmulatorCredentials[];
  /** Accepted distance between `Scp-Timestamp` and the emulator's clock. Default 5 minutes. */
  timestampWindowMs?: number;
  faults?: Faults;
  /** How many of the latest requests `requests` keeps (a long-running emulator should set one). Default: all. */
  recordLimit?: number;
}

/** One request as the emulator saw it. The signature is never recorded. */
export interface RecordedRequest {
  method: string;
  url: string;
  accessKey: string | undefined;
  apiVersion: string | undefined;
  status: number;
  code: string | undefined;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** The requests seen (the latest `recordLimit` when set), oldest first. */
  requests: RecordedRequest[];
  credentials: readonly EmulatorCredentials[];
  clusters: readonly ClusterFixture[];
  /** Replaces the fault rules (they are consumed as requests arrive). */
  setFaults(faults: Faults): void;
  /** The emulator's clock, in epoch ms. */
  now(): number;
  close(): Promise<void>;
}

const DEFAULT_WINDOW_MS = 5 * 60 * 1000;
/** Sent with every answer: kubeconfigs hold credentials, and no answer may be cached. */
const COMMON_HEADERS = { 'cache-control': 'no-store' };

function clockOf(now: EmulatorOptions['now']): () => number {
  if (typeof now === 'function') return now;
  if (now === undefined) return Date.now;
  const start = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (Number.isNaN(start)) throw new TypeError('now: expected a Date, an ISO date (2025-12-01) or epoch milliseconds');
  const launched = Date.now();
  return () => start + (Date.now() - launched);
}

/** SCP's `GET /` answer: every version with its state and Not Before date (YYYY-MM-DD). */
function versionList(manifest: Manifest, baseUrl: string) {
  return {
    versions: manifest.versions.map((entry) => ({
      id: `v${entry.version}`,
      links: [{ href: `${baseUrl}/`, rel: 'self' }],
      not_before: entry.notBefore,
      status: entry.state,
    })),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = clockOf(options.now);
  const clusters = options.clusters ?? [...DEFAULT_CLUSTERS];
  const credentials = options.credentials ?? [...DEMO_CREDENTIALS];
  const keys = new Map(credentials.map((entry) => [entry.accessKey, entry]));
  const windowMs = options.timestampWindowMs ?? DEFAULT_WINDOW_MS;
  const kubeconfigFor = kubeconfigCache();
  let faults: Faults = structuredClone(options.faults ?? {});
  const manifest = specManifest as Manifest;
  const routesByVersion = new Map<string, Route[]>();
  for (const entry of manifest.versions) {
    routesByVersion.set(entry.version, compileRoutes(await loadDocument(entry.version as never, 'dereferenced')));
  }
  const anyRoutes = routesByVersion.get(manifest.current) as Route[];
  const requests: RecordedRequest[] = [];
  const recordLimit = options.recordLimit ?? Number.POSITIVE_INFINITY;
  if (recordLimit !== Number.POSITIVE_INFINITY && (!Number.isInteger(recordLimit) || recordLimit < 0)) {
    throw new TypeError(`recordLimit: expected a whole number ≥ 0, received ${recordLimit}`);
  }
  /** Records a request, forgetting the oldest once `recordLimit` are kept. */
  function remember(record: RecordedRequest): void {
    requests.push(record);
    if (requests.length > recordLimit) requests.shift();
  }
  let baseUrl = '';

  function send(
    response: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: string,
    headers: Record<string, string>,
  ): void {
    record.status = status;
    remember(record);
    response.writeHead(status, { ...COMMON_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...headers });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = request.method ?? 'GET';
    const header = (name: string): string | undefined => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const record: RecordedRequest = {
      method,
      url: request.url ?? '',
      accessKey: header('Scp-AccessKey'),
      apiVersion: header('Scp-Api-Version'),
      status: 0,
      code: undefined,
    };
    let dateSkewMs = 0;
    const headersFor = (contentType: string) => ({
      'content-type': contentType,
      date: new Date(clock() + dateSkewMs).toUTCString(),
      'x-request-id': requestId,
    });
    const fail = (answer: ErrorAnswer, extra: Record<string, string> = {}) => {
      record.code = answer.code;
      send(response, record, answer.status, envelope(answer, requestId), {
        ...headersFor('application/json'),
        ...extra,
      });
    };

    let url: URL;
    try {
      // Origin-form targets are paths, even one like `//a` that URL would read as a host.
      const target = request.url ?? '/';
      url = new URL(target.startsWith('/') ? `http://emulator.invalid${target}` : target);
    } catch {
      return fail({ status: 400, code: 'ValidationError', detail: ['The request target is not a valid path.'] });
    }
    const routeName: RouteName | undefined =
      method === 'GET' && url.pathname === '/'
        ? 'versions'
        : matchRoute(anyRoutes, method, url.pathname)
          ? 'userKubeconfig'
          : undefined;
    if (!routeName) {
      return fail({ status: 404, code: 'NotFound', detail: [`No resource answers ${method} ${url.pathname}.`] });
    }

    const fault: FaultPlan = takeFault(faults, routeName);
    dateSkewMs = fault.dateSkewMs;
    if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.drop) {
      record.code = 'DroppedConnection';
      remember(record);
      request.socket.destroy();
      return;
    }
    if (fault.status !== undefined) {
      return fail(
        { status: fault.status, code: 'InjectedFault', detail: [`Fault injection answered ${fault.status}.`] },
        fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
      );
    }

    if (routeName === 'versions') {
      return send(
        response,
        record,
        200,
        JSON.stringify(versionList(manifest, baseUrl)),
        headersFor('application/json'),
      );
    }

    const nowMs = clock();
    const host = header('host') ?? new URL(baseUrl).host;
    const caller = authenticate({
      method,
      url: `http://${host}${request.url}`,
      header,
      nowMs,
      windowMs,
      credentials: keys,
    });
    if ('status' in caller) return fail(caller);

    const version = selectVersion(manifest, header('Scp-Api-Version'), new Date(nowMs));
    if ('status' in version) return fail(version);
    record.apiVersion = (version as VersionEntry).apiVersion;

    const matched = matchRoute(routesByVersion.get(version.version) as Route[], method, url.pathname);
    if (!matched)
      return fail({
        status: 404,
        code: 'NotFound',
        detail: [`${version.apiVersion} has no ${method} ${url.pathname}.`],
      });
    const invalid = validateParameters(matched.route, { path: matched.params, query: url.searchParams, header });
    if (invalid) return fail(invalid);

    const clusterId = matched.params.cluster_id as string;
    const kubeconfigType = url.searchParams.get('kubeconfig_type') as 'private' | 'public';
    const cluster = clusters.find((candidate) => candidate.id === clusterId);
    if (!cluster) return fail({ status: 404, code: 'NotFound', detail: [`No cluster has the id ${clusterId}.`] });
    if (!cluster.accessKeys.includes(caller.accessKey)) {
      return fail({ status: 403, code: 'Forbidden', detail: ['This access key may not read this cluster.'] });
    }
    const server = cluster.endpoints[kubeconfigType];
    if (!server) {
      return fail({
        status: 400,
        code: 'ValidationError',
        detail: [`Cluster ${cluster.name} has no ${kubeconfigType} endpoint.`],
      });
    }
    send(response, record, 200, kubeconfigFor(cluster, server, caller.accessKey), headersFor('application/yaml'));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug must still answer in the envelope; the detail never carries request data.
      if (!response.headersSent) {
        const requestId = newRequestId();
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          envelope(
            { status: 500, code: 'EmulatorError', detail: [String((error as Error)?.name ?? 'Error')] },
            requestId,
          ),
        );
      }
    });
  });
  // Malformed HTTP (unknown methods, oversized or broken headers) gets a 400 in the envelope.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const body = envelope(
      { status: 400, code: 'ValidationError', detail: [`Malformed HTTP request (${error.code ?? 'parse error'}).`] },
      newRequestId(),
    );
    // An answer to HEAD carries no body, even when the request could not be parsed to the end.
    const head = error.rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostForUrl}:${address.port}`;

  return {
    url: baseUrl,
    requests,
    credentials,
    clusters,
    setFaults(next) {
      faults = structuredClone(next);
    },
    now: clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
