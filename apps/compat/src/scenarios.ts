/**
 * The compatibility scenarios. Each runs through one version's generated client (never a
 * hand-rolled request) and returns a normalised outcome; `judge` says what it is compared with:
 * the reference version's outcome, or the lifecycle the manifest predicts for this version.
 *
 * `buildScenarios` derives them from the operation catalog (operation-scenarios.ts): the generic
 * scenarios of every operation, plus the lifecycle, a cluster's and a nodepool's life
 * (resource-lifecycle.ts) and the kubeconfig scenarios specific to the operation behind
 * `getUserKubeconfig`.
 */
import type { CallOptions, KubeconfigResult, SkeClientOptions } from '@scp-ske/client';
import type { RawClient } from '@scp-ske/client/raw';
import type { ClusterFixture, Emulator, EmulatorCredentials, Faults } from '@scp-ske/emulator';
import { judgeLifecycle, type VersionEntry } from '@scp-ske/spec';
import { type Outcome, observe, outcomeOfError } from './outcome.js';

/**
 * What the scenarios need of any version's client: its identity and the user kubeconfig convenience.
 * Its one method per operation is called by operationId (operation-scenarios.ts), whatever the version.
 */
export interface CompatClient {
  readonly apiVersion: string;
  getUserKubeconfig(
    input: { clusterId: string; kubeconfigType: 'private' | 'public' } & CallOptions,
  ): Promise<KubeconfigResult>;
}
/** A generated package's `createSkeClient`, seen through what the scenarios use of it (operations vary by version). */
export type ClientFactory = (options?: SkeClientOptions) => CompatClient;
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
  /** The operationId it exercises (the report groups rows by it); absent for the version-wide lifecycle. */
  operation?: string;
  /** Scenarios that need the emulator (its fixtures or fault injection) are skipped against a real endpoint. */
  needsEmulator: boolean;
  judge: 'reference' | 'lifecycle';
  /** Why the scenario does not apply to its operation: it is not run, and every cell says so. */
  notApplicable?: string;
  /**
   * What the spec says the answer is, checked in every version (the reference too): returns what was
   * expected when `outcome` is not it, so that a version agreeing with a wrong reference is no pass.
   */
  expect?(outcome: Outcome): string | undefined;
  /**
   * Why `version`'s outcome differs from the reference's, when a difference the spec declares between
   * the versions accounts for all of it (the difference is then expected); undefined otherwise.
   */
  explain?(version: string, outcome: Outcome, reference: Outcome): string | undefined;
  run(context: ScenarioContext): Promise<Outcome>;
}

/** A well-formed id no fixture uses: 404 everywhere. */
const UNKNOWN_CLUSTER = '00000000000000000000000000000404';

export const client = (context: ScenarioContext, extra: SkeClientOptions = {}) =>
  context.createClient({ ...context.clientOptions, ...extra });
const fixtures = (context: ScenarioContext) => context.fixtures as Fixtures;

/** Expects a kubeconfig of this endpoint type. */
const kubeconfigOf =
  (endpoint: string) =>
  (outcome: Outcome): string | undefined =>
    outcome.kind === 'kubeconfig' && outcome.endpoint === endpoint ? undefined : `a ${endpoint} kubeconfig`;

/** Expects an error answer with this status. */
export const errorStatus =
  (status: number) =>
  (outcome: Outcome): string | undefined =>
    outcome.kind === 'api-error' && outcome.status === status ? undefined : `an error answer ${status}`;

export const lifecycleScenario: Scenario = {
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
};

/**
 * The scenarios specific to the user kubeconfig (`getUserKubeconfig`, on `operationId`): both
 * endpoints, a cluster without a public one, a key not allowed on the cluster, clock skew, and
 * transient 503s injected on `operationId` (the emulator's faults are keyed by operationId).
 */
export function kubeconfigScenarios(operationId: string): Scenario[] {
  const common = { operation: operationId, judge: 'reference', needsEmulator: true } as const;
  return [
    {
      ...common,
      id: 'private-kubeconfig',
      title: 'Private kubeconfig',
      expect: kubeconfigOf('private'),
      run: (context) =>
        observe(() =>
          client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'private' }),
        ),
    },
    {
      ...common,
      id: 'public-kubeconfig',
      title: 'Public kubeconfig',
      expect: kubeconfigOf('public'),
      run: (context) =>
        observe(() =>
          client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'public' }),
        ),
    },
    {
      ...common,
      id: 'no-public-endpoint',
      title: 'Public kubeconfig of a cluster without one (400)',
      expect: errorStatus(400),
      run: (context) =>
        observe(() =>
          client(context).getUserKubeconfig({ clusterId: fixtures(context).privateOnly.id, kubeconfigType: 'public' }),
        ),
    },
    {
      ...common,
      id: 'forbidden',
      title: 'Access key not allowed on the cluster (403)',
      expect: errorStatus(403),
      run: (context) =>
        observe(() =>
          client(context).getUserKubeconfig({ clusterId: fixtures(context).restricted.id, kubeconfigType: 'private' }),
        ),
    },
    {
      ...common,
      id: 'clock-skew',
      title: 'Client clock 10 minutes slow, corrected from Date',
      expect: kubeconfigOf('private'),
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
      ...common,
      id: 'transient-503',
      title: 'Two 503 answers, retried to success',
      expect: kubeconfigOf('private'),
      async run(context) {
        const before = context.emulator?.requests.length ?? 0;
        context.emulator?.setFaults({ [operationId]: { statuses: [503, 503], retryAfter: '0' } } as Faults);
        try {
          const outcome = await observe(() =>
            client(context).getUserKubeconfig({ clusterId: fixtures(context).cluster.id, kubeconfigType: 'private' }),
          );
          const statuses = context.emulator?.requests.slice(before).map((request) => request.status);
          if (outcome.kind === 'kubeconfig' && statuses?.join(',') !== '503,503,200') {
            return {
              kind: 'error',
              name: 'FaultNotExercised',
              message: `the emulator answered ${statuses?.join(', ')}`,
            };
          }
          return outcome;
        } finally {
          context.emulator?.setFaults({});
        }
      },
    },
  ];
}

/**
 * What the manifest predicts for the lifecycle scenario: the client's verdict, and the gateway's
 * answer (406 for a retired version; else `servedStatus`, 200 from the emulator's fixture cluster,
 * 404 from a real endpoint asked for an unknown cluster).
 */
export function predictedLifecycle(entry: VersionEntry, at: Date, servedStatus: number): Outcome {
  const verdict = judgeLifecycle(entry, at).kind;
  return { kind: 'lifecycle', verdict, gateway: verdict === 'retired' ? 406 : servedStatus };
}
