/**
 * The compatibility scenarios. Each runs through one version's generated client (never a
 * hand-rolled request) and returns a normalised outcome; `judge` says what it is compared with:
 * the reference version's outcome, or the lifecycle the manifest predicts for this version.
 */
import type { SkeClient, SkeClientOptions } from '@scp-ske/client';
import type { RawClient } from '@scp-ske/client/raw';
import type { ClusterFixture, Emulator, EmulatorCredentials } from '@scp-ske/emulator';
import { judgeLifecycle, type VersionEntry } from '@scp-ske/spec';
import { type Outcome, observe, outcomeOfError } from './outcome.js';

/** A generated package's `createSkeClient`, seen through the runtime's types (paths vary by version). */
export type ClientFactory = (options?: SkeClientOptions) => SkeClient;
/** A generated package's `createRawClient` (its `./raw` entry), likewise. */
export type RawClientFactory = (options?: SkeClientOptions) => RawClient<object>;

export interface Fixtures {
  cluster: ClusterFixture;
  privateOnly: ClusterFixture;
  restricted: ClusterFixture;
}

export interface ScenarioContext {
  entry: VersionEntry;
  createClient: ClientFactory;
  createRawClient: RawClientFactory;
  /** Options every client of this run gets (endpoint, credentials, clock, fast retries). */
  clientOptions: SkeClientOptions & { credentials: EmulatorCredentials };
  at: Date;
  /** Only with the embedded emulator. */
  emulator?: Emulator;
  fixtures?: Fixtures;
  /** Warning codes the process emitted while this scenario ran. */
  warnings: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** Scenarios that need the emulator (its fixtures or fault injection) are skipped against a real endpoint. */
  needsEmulator: boolean;
  judge: 'reference' | 'lifecycle';
  run(context: ScenarioContext): Promise<Outcome>;
}

/** A well-formed id no fixture uses: 404 everywhere. */
const UNKNOWN_CLUSTER = '00000000000000000000000000000404';

const client = (context: ScenarioContext, extra: SkeClientOptions = {}) =>
  context.createClient({ ...context.clientOptions, ...extra });
const fixtures = (context: ScenarioContext) => context.fixtures as Fixtures;

export const scenarios: Scenario[] = [
  {
    id: 'lifecycle',
    title: 'Lifecycle: client gate and gateway answer',
    needsEmulator: false,
    judge: 'lifecycle',
    async run(context) {
      let verdict: 'ok' | 'warn' | 'retired' = 'ok';
      try {
        client(context);
        verdict = context.warnings.length > 0 ? 'warn' : 'ok';
      } catch (error) {
        const outcome = outcomeOfError(error);
        if (outcome.kind !== 'refused' || outcome.reason !== 'version') return outcome;
        verdict = 'retired';
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (verdict === 'ok' && context.warnings.length > 0) verdict = 'warn';
      const clusterId = context.fixtures?.cluster.id ?? UNKNOWN_CLUSTER;
      const answer = await observe(() =>
        client(context, { allowUnsupportedVersion: true }).getUserKubeconfig({ clusterId, kubeconfigType: 'private' }),
      );
      const gateway = answer.kind === 'api-error' ? answer.status : answer.kind === 'kubeconfig' ? 200 : 0;
      return { kind: 'lifecycle', verdict, gateway };
    },
  },
  {
    id: 'private-kubeconfig',
    title: 'Private kubeconfig',
    needsEmulator: true,
    judge: 'reference',
    run: (context) =>
      observe(() =>
        client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'private' }),
      ),
  },
  {
    id: 'public-kubeconfig',
    title: 'Public kubeconfig',
    needsEmulator: true,
    judge: 'reference',
    run: (context) =>
      observe(() =>
        client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'public' }),
      ),
  },
  {
    id: 'no-public-endpoint',
    title: 'Public kubeconfig of a cluster without one (400)',
    needsEmulator: true,
    judge: 'reference',
    run: (context) =>
      observe(() =>
        client(context).getUserKubeconfig({ clusterId: fixtures(context).privateOnly.id, kubeconfigType: 'public' }),
      ),
  },
  {
    id: 'unknown-cluster',
    title: 'Unknown cluster (404)',
    needsEmulator: false,
    judge: 'reference',
    run: (context) =>
      observe(() => client(context).getUserKubeconfig({ clusterId: UNKNOWN_CLUSTER, kubeconfigType: 'private' })),
  },
  {
    id: 'malformed-id',
    title: 'Malformed cluster id (refused before the network)',
    needsEmulator: false,
    judge: 'reference',
    async run(context) {
      const before = context.emulator?.requests.length;
      const outcome = await observe(() =>
        client(context).getUserKubeconfig({ clusterId: 'Not-A-Cluster', kubeconfigType: 'private' }),
      );
      if (context.emulator && context.emulator.requests.length !== before) {
        return { kind: 'error', name: 'ReachedNetwork', message: 'the malformed id reached the emulator' };
      }
      return outcome;
    },
  },
  {
    id: 'forbidden',
    title: 'Access key not allowed on the cluster (403)',
    needsEmulator: true,
    judge: 'reference',
    run: (context) =>
      observe(() =>
        client(context).getUserKubeconfig({ clusterId: fixtures(context).restricted.id, kubeconfigType: 'private' }),
      ),
  },
  {
    id: 'wrong-secret',
    title: 'Wrong secret key (401)',
    needsEmulator: false,
    judge: 'reference',
    run: (context) =>
      observe(() =>
        client(context, {
          credentials: { accessKey: context.clientOptions.credentials.accessKey, secretKey: 'not-the-secret-key' },
        }).getUserKubeconfig({ clusterId: context.fixtures?.cluster.id ?? UNKNOWN_CLUSTER, kubeconfigType: 'private' }),
      ),
  },
  {
    id: 'clock-skew',
    title: 'Client clock 10 minutes slow, corrected from Date',
    needsEmulator: true,
    judge: 'reference',
    async run(context) {
      const now = context.clientOptions.now ?? Date.now;
      const before = context.emulator?.requests.length ?? 0;
      const outcome = await observe(() =>
        client(context, { now: () => now() - 10 * 60 * 1000 }).getUserKubeconfig({
          clusterId: fixtures(context).cluster.id,
          kubeconfigType: 'private',
        }),
      );
      const codes = context.emulator?.requests.slice(before).map((request) => request.code ?? request.status);
      if (outcome.kind === 'kubeconfig' && codes?.[0] !== 'TimestampOutOfWindow') {
        return { kind: 'error', name: 'SkewNotExercised', message: `the emulator saw ${codes?.join(', ')}` };
      }
      return outcome;
    },
  },
  {
    id: 'transient-503',
    title: 'Two 503 answers, retried to success',
    needsEmulator: true,
    judge: 'reference',
    async run(context) {
      context.emulator?.setFaults({ userKubeconfig: { statuses: [503, 503], retryAfter: '0' } });
      try {
        return await observe(() =>
          client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'private' }),
        );
      } finally {
        context.emulator?.setFaults({});
      }
    },
  },
  {
    id: 'no-version-header',
    title: 'No Scp-Api-Version header (answered as CURRENT)',
    needsEmulator: true,
    judge: 'reference',
    async run(context) {
      try {
        const raw = context.createRawClient(context.clientOptions);
        const before = context.emulator?.requests.length ?? 0;
        const { response } = await raw.GET(
          '/v1/clusters/{cluster_id}/user-kubeconfig' as never,
          {
            params: { path: { cluster_id: fixtures(context).cluster.id }, query: { kubeconfig_type: 'private' } },
            headers: { 'Scp-Api-Version': null },
            parseAs: 'text',
          } as never,
        );
        const seen = context.emulator?.requests[before];
        if (!response.ok) return { kind: 'api-error', status: response.status, code: seen?.code ?? '' };
        return { kind: 'kubeconfig', endpoint: 'private', contexts: 1, answeredAs: seen?.apiVersion ?? 'unknown' };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  },
];

/**
 * What the manifest predicts for the lifecycle scenario: the client's verdict, and the gateway's
 * answer (406 for a retired version; else `servedStatus`, 200 from the emulator's fixture cluster,
 * 404 from a real endpoint asked for an unknown cluster).
 */
export function predictedLifecycle(entry: VersionEntry, at: Date, servedStatus: number): Outcome {
  const verdict = judgeLifecycle(entry, at).kind;
  return { kind: 'lifecycle', verdict, gateway: verdict === 'retired' ? 406 : servedStatus };
}
