/**
 * The SKE emulator: a local HTTP server that answers every operation of every version of the spec
 * (and `GET /` with the version list), enforcing what SCP enforces, in the gateway's order, one step
 * each (steps/): Host header (400) → route (404) → faults → signature (401) → version (406) → the
 * route in that version (404) → IAM action (403) → parameters from the spec (400) → request body
 * (415, 413, 400) → the operation: its handler (operations/) over the emulator's store of clusters,
 * nodepools and nodes (state/), else its success example, else 501; a success answer is projected
 * onto the version's schema and checked against it (500). Malformed HTTP (malformed-http.ts) and an
 * `Expect` other than 100-continue (417) are answered in the envelope too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadDocument, type Manifest, type OpenApiDocument, manifest as specManifest } from '@scp-ske/spec';
import { createSchemaCompiler } from './ajv.js';
import { AnswerCache } from './answer-cache.js';
import { answerHeaders } from './answer-headers.js';
import { type CompleteCluster, completeCluster, completeClusterOf } from './complete-cluster.js';
import { envelope, newRequestId } from './envelope.js';
import { checkFaults, type Faults } from './faults.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS, type EmulatorCredentials } from './fixtures.js';
import { createKubeApiCertificates } from './kube-api/certificates.js';
import { type KubeApi, startKubeApi } from './kube-api/server.js';
import { announcesBody, type InFlight, onMalformedHttp } from './malformed-http.js';
import { createHandlers } from './operations/registry.js';
import type { OperationContext } from './operations/types.js';
import {
  DROP,
  Exchange,
  type Outcome,
  RESET,
  type RecordedRequest,
  type Reply,
  runSteps,
  type Step,
} from './pipeline.js';
import { compileRoutes, type Route } from './routes.js';
import { compileModels } from './state/model.js';
import { readStateFile } from './state/persist.js';
import { StateRuntime } from './state/runtime.js';
import { seedStore } from './state/seed.js';
import { authorize } from './steps/authorize.js';
import { checkHost } from './steps/check-host.js';
import { checkSignature } from './steps/check-signature.js';
import { injectFault } from './steps/inject-fault.js';
import { operate } from './steps/operate.js';
import { pickVersion } from './steps/pick-version.js';
import { readBody } from './steps/read-body.js';
import { route } from './steps/route.js';
import { routeInVersion } from './steps/route-in-version.js';
import { validateParameters } from './steps/validate-parameters.js';
import { versionList } from './steps/version-list.js';

export type { RecordedRequest } from './pipeline.js';

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
  /**
   * The clusters (and their nodepools) the store starts with. Default `DEFAULT_CLUSTERS`. Optional
   * fields get their defaults (see `ClusterFixture`). Not read when `stateFile` exists.
   */
  clusters?: ClusterFixture[];
  /** Default `DEMO_CREDENTIALS`. */
  credentials?: EmulatorCredentials[];
  /** Accepted distance between `Scp-Timestamp` and the emulator's clock. Default 5 minutes. */
  timestampWindowMs?: number;
  /** Fault rules by route: an operationId, or `versions` for `GET /`. */
  faults?: Faults;
  /** How many of the latest requests `requests` keeps (a long-running emulator should set one). Default: all. */
  recordLimit?: number;
  /**
   * How long a change runs (a cluster `CREATING`, `UPDATING`, `DELETING`; a nodepool `ScalingUp`, …)
   * before it is done, in milliseconds of the emulator's clock. Default 3000: long enough to watch.
   */
  transitionMs?: number;
  /**
   * A JSON file that keeps the store across restarts: read at start when it exists (in place of
   * `clusters`), written atomically after every change. Default: the store lives in memory only.
   */
  stateFile?: string;
  /**
   * Dereferenced OpenAPI documents by version (`'1.3'`) to serve instead of @scp-ske/spec's, e.g. a
   * copy with an operation added, to see how the emulator answers it. The versions and their
   * lifecycle still come from @scp-ske/spec's manifest.
   */
  documents?: Partial<Record<string, OpenApiDocument>>;
  /**
   * Serve a Kubernetes API for every cluster (HTTPS, with a CA made at start): the kubeconfigs the
   * emulator issues then point at it (`https://127.0.0.1:PORT`) and trust its CA, so kubectl works
   * with them. Default false: the kubeconfigs point at the clusters' SCP endpoints, as SCP's do.
   */
  kubeApi?: boolean;
  /** The Kubernetes API's port. Default 0: any free port. */
  kubeApiPort?: number;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** The requests seen (the latest `recordLimit` when set), oldest first. */
  requests: RecordedRequest[];
  credentials: readonly EmulatorCredentials[];
  /** The clusters in the store now (with their nodepools), each with every field filled in. */
  readonly clusters: readonly CompleteCluster[];
  /** Replaces the fault rules (they are consumed as requests arrive); throws on a name that is no route. */
  setFaults(faults: Faults): void;
  /** The emulator's clock, in epoch ms. */
  now(): number;
  /** The Kubernetes API's URL (`https://127.0.0.1:PORT`) when started with `kubeApi`. */
  kubeApiUrl: string | undefined;
  /**
   * Stops accepting an access key, as when it is deleted in SCP's IAM: its signed requests get 401,
   * and the Kubernetes API refuses the user tokens issued for it. Returns whether the key was accepted.
   */
  revokeAccessKey(accessKey: string): boolean;
  close(): Promise<void>;
}

const DEFAULT_WINDOW_MS = 5 * 60 * 1000;
const DEFAULT_TRANSITION_MS = 3000;

function wholeNumber(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name}: expected a whole number ≥ 0, received ${value}`);
  }
  return value;
}

function clockOf(now: EmulatorOptions['now']): () => number {
  if (typeof now === 'function') return now;
  if (now === undefined) return Date.now;
  const start = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (Number.isNaN(start)) throw new TypeError('now: expected a Date, an ISO date (2025-12-01) or epoch milliseconds');
  const launched = Date.now();
  return () => start + (Date.now() - launched);
}

/** Every version's routes, compiled from its dereferenced document (one compiler: shared schemas compile once). */
async function compileVersions(manifest: Manifest, documents: EmulatorOptions['documents'] = {}) {
  const compile = createSchemaCompiler();
  const compileBody = createSchemaCompiler({ allErrors: true });
  const routesByVersion = new Map<string, Route[]>();
  for (const entry of manifest.versions) {
    const document = documents[entry.version] ?? (await loadDocument(entry.version as never, 'dereferenced'));
    routesByVersion.set(entry.version, compileRoutes(document, compile, compileBody));
  }
  // Step 1 routes by any version: the first version (newest first) that has the method and path.
  const seen = new Set<string>();
  const anyVersion: Route[] = [];
  for (const routes of [...routesByVersion.values()].reverse()) {
    for (const candidate of routes) {
      const key = `${candidate.method} ${candidate.pathTemplate}`;
      if (!seen.has(key)) {
        seen.add(key);
        anyVersion.push(candidate);
      }
    }
  }
  anyVersion.sort((a, b) => a.pathNames.length - b.pathNames.length);
  return { routesByVersion, anyVersion };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = clockOf(options.now);
  const credentials = options.credentials ?? [...DEMO_CREDENTIALS];
  const windowMs = options.timestampWindowMs ?? DEFAULT_WINDOW_MS;
  const transitionMs = wholeNumber(options.transitionMs ?? DEFAULT_TRANSITION_MS, 'transitionMs');
  const recordLimit = options.recordLimit ?? Number.POSITIVE_INFINITY;
  if (recordLimit !== Number.POSITIVE_INFINITY && (!Number.isInteger(recordLimit) || recordLimit < 0)) {
    throw new TypeError(`recordLimit: expected a whole number ≥ 0, received ${recordLimit}`);
  }
  // A state file that cannot be read fails the start before the (slower) compilation.
  const saved = options.stateFile === undefined ? undefined : readStateFile(options.stateFile);
  const manifest = specManifest as Manifest;
  const { routesByVersion, anyVersion } = await compileVersions(manifest, options.documents);
  const routeNames = new Set(['versions', ...anyVersion.map((candidate) => candidate.operationId)]);
  checkFaults(options.faults ?? {}, routeNames);
  let faults: Faults = structuredClone(options.faults ?? {});
  // The store holds resources in the newest version's shape; each answer is projected onto its own.
  const newest = manifest.versions[manifest.versions.length - 1]?.version as string;
  const models = compileModels(routesByVersion.get(newest) ?? []);
  const store = saved ?? seedStore((options.clusters ?? DEFAULT_CLUSTERS).map(completeCluster), models);
  const runtime = new StateRuntime(store, clock, options.stateFile);
  const context: OperationContext = {
    store,
    models,
    credentials,
    transitionMs,
    changed: () => runtime.changed(),
  };
  const handlerFor = createHandlers(context);
  const accepted = new Map(credentials.map((entry) => [entry.accessKey, entry]));
  let baseUrl = '';
  const steps: Step[] = [
    checkHost,
    route(anyVersion),
    injectFault(() => faults),
    versionList(manifest, () => baseUrl),
    checkSignature({
      clock,
      windowMs,
      credentials: accepted,
      baseUrl: () => baseUrl,
    }),
    pickVersion(manifest),
    routeInVersion(routesByVersion),
    authorize(credentials),
    validateParameters,
    readBody(),
    operate(handlerFor, (now) => runtime.settle(now), new AnswerCache(() => runtime.generation)),
  ];

  const requests: RecordedRequest[] = [];
  /** Records a request, forgetting the oldest once `recordLimit` are kept. */
  function remember(record: RecordedRequest): void {
    if (recordLimit === 0) return;
    requests.push(record);
    if (requests.length > recordLimit) requests.shift();
  }

  /** Sends a reply, unless the response has begun already (a 400 for a body that broke first: malformed-http.ts). */
  function send(response: ServerResponse, exchange: Exchange, reply: Reply): void {
    if (response.headersSent) return;
    const { record } = exchange;
    record.status = reply.status;
    record.code = reply.code;
    remember(record);
    response.writeHead(reply.status, answerHeaders(reply, clock() + exchange.dateSkewMs, exchange.requestId));
    response.end(reply.body);
  }

  /** The latest request on each connection, so that a parse error after it is answered in order, once. */
  const latest = new WeakMap<Socket, InFlight>();
  function begin(request: IncomingMessage, response: ServerResponse): Exchange {
    const exchange = new Exchange(request);
    latest.set(request.socket, { exchange, response });
    return exchange;
  }

  /** Sends the outcome of the steps: the reply, or nothing and the connection closed (DROP) or reset (RESET). */
  function conclude(request: IncomingMessage, response: ServerResponse, exchange: Exchange, outcome: Outcome): void {
    if (outcome !== DROP && outcome !== RESET) {
      send(response, exchange, outcome);
      return;
    }
    exchange.record.code = outcome === DROP ? 'DroppedConnection' : 'ResetConnection';
    remember(exchange.record);
    if (outcome === RESET) request.socket.resetAndDestroy();
    else request.socket.destroy();
  }

  /**
   * A bug must still answer in the envelope; the detail never carries request data. The length is
   * set anew: a `writeHead` that threw (a header value Node refuses) may have left its own behind.
   */
  function answerBug(response: ServerResponse, error: unknown): void {
    if (response.headersSent) return;
    const body = envelope(
      { status: 500, code: 'EmulatorError', detail: [String((error as Error)?.name ?? 'Error')] },
      newRequestId(),
    );
    response.writeHead(500, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    response.end(body);
  }

  /** Runs the steps and sends their outcome: at once, unless a step waits (an injected latency). */
  function answer(request: IncomingMessage, response: ServerResponse, exchange: Exchange): void {
    try {
      const outcome = runSteps(steps, exchange);
      if (outcome instanceof Promise) {
        outcome
          .then((settled) => conclude(request, response, exchange, settled))
          .catch((error: unknown) => answerBug(response, error));
      } else conclude(request, response, exchange, outcome);
    } catch (error) {
      answerBug(response, error);
    }
  }

  // Host is checked by the pipeline (steps/check-host.ts), so that its 400 is in the envelope too.
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    const exchange = begin(request, response);
    if (announcesBody(request)) queueMicrotask(() => answer(request, response, exchange));
    else answer(request, response, exchange);
  });
  // Malformed HTTP (unknown methods, oversized or broken headers, a broken chunked body) gets a 400 in the envelope.
  server.on(
    'clientError',
    onMalformedHttp(
      (socket) => latest.get(socket),
      ({ exchange, response }, reply) => send(response, exchange, reply),
    ),
  );
  // Node answers an Expect other than 100-continue with a bare 417; this one is in the envelope.
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const exchange = begin(request, response);
    const expectation = { status: 417, code: 'ExpectationFailed', detail: ['Only Expect: 100-continue is supported.'] };
    send(response, exchange, exchange.fail(expectation));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  let kubeApi: KubeApi | undefined;
  if (options.kubeApi) {
    const host = options.host ?? '127.0.0.1';
    try {
      kubeApi = await startKubeApi(
        { store, settle: () => runtime.settle(), accepts: (key) => accepted.has(key), now: clock },
        createKubeApiCertificates(host, Date.now()),
        { host, port: options.kubeApiPort ?? 0 },
      );
    } catch (error) {
      server.close();
      throw error;
    }
    context.kubeApi = { url: kubeApi.url, caPem: kubeApi.caPem };
  }
  // The state file exists from the start (and changes still running after a restart resume their clock).
  runtime.changed();
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostForUrl}:${address.port}`;

  return {
    url: baseUrl,
    requests,
    credentials,
    get clusters() {
      runtime.settle();
      return [...store.tops()].map(completeClusterOf);
    },
    setFaults(next) {
      checkFaults(next, routeNames);
      faults = structuredClone(next);
    },
    now: clock,
    kubeApiUrl: kubeApi?.url,
    revokeAccessKey(accessKey) {
      const index = credentials.findIndex((entry) => entry.accessKey === accessKey);
      if (index >= 0) credentials.splice(index, 1);
      return accepted.delete(accessKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        runtime.close();
        kubeApi?.close().catch(() => undefined);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
