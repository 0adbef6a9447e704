/**
 * The generic scenarios, derived for every operation of the catalog (so an operation added to the
 * spec gets them with no change here): its example arguments and request body (its success answer),
 * an unknown resource (404), a malformed argument (refused before the network), a body without a field
 * its schema requires (400), a wrong secret (401), no `Scp-Api-Version` header (answered as CURRENT,
 * through the raw client) and a key without its IAM action (403). Each run uses the version's own
 * description of the operation; a scenario that cannot apply says why instead.
 *
 * An operation that changes state (`x-scp-state-change`) runs its succeeding scenarios on a resource of
 * its own (resources.ts): an update or a deletion on one created for it, a creation's resource deleted
 * after; so mutations leave the emulator's fixtures, and every other scenario, as they were.
 */
import type { SkeResponse } from '@scp-ske/client';
import type { EmulatorCredentials } from '@scp-ske/emulator';
import { type DeclaredDifference, manifest } from '@scp-ske/spec';
import { explainAnswer, explainRefusedBody } from './declared.js';
import {
  bodyWithoutRequired,
  type CompatOperation,
  exampleInput,
  malformedArgument,
  type OperationCatalog,
  operationsOf,
  rawParams,
  unknownResource,
} from './operations.js';
import { answerOf, attempt, comparable, describeOutcome, type Outcome, observe, successOutcome } from './outcome.js';
import { resourceLifecycleScenario } from './resource-lifecycle.js';
import { createdId, createOwn, inputFor, removeOwn, resourceOperations, StepError } from './resources.js';
import {
  type CompatClient,
  client,
  errorStatus,
  kubeconfigScenarios,
  lifecycleScenario,
  type Scenario,
  type ScenarioContext,
} from './scenarios.js';

/** What the embedded emulator tells the builder: which keys may do what, and which cluster ids exist. */
export interface EmulatorFacts {
  credentials: readonly EmulatorCredentials[];
  clusterIds: readonly string[];
}

export interface BuildOptions {
  /** The reference version: its description of an operation names the rows (else the first version that has it). */
  reference: string;
  /** With the embedded emulator; absent against a real endpoint. */
  emulator?: EmulatorFacts;
  /** The differences between versions the spec declares (`declaredDifferences`): what may explain a difference. */
  declared?: readonly DeclaredDifference[];
}

/** The `Scp-Api-Version` an answer without the header is served as. */
export const CURRENT_API_VERSION = manifest.versions.find((entry) => entry.version === manifest.current)
  ?.apiVersion as string;

type Method = (input: unknown) => Promise<SkeResponse<unknown>>;
type RawMethod = (path: string, init: object) => Promise<{ data?: unknown; response: Response }>;

type Body = (context: ScenarioContext, operation: CompatOperation, input: Record<string, unknown>) => Promise<Outcome>;

/**
 * Where a state-changing operation runs: `own`, on a resource of its own (an update or a deletion on
 * one created and settled for it; a creation's resource deleted after); `shared`, on the example's
 * ids, for a scenario the service refuses before it changes anything (a creation's resource, should
 * one come back all the same, is deleted after).
 */
type Resources = 'own' | 'shared';

/** `body` run as `resources` says, for an operation that changes state; as is for one that only reads. */
function onResources(catalog: OperationCatalog, resources: Resources, body: Body): Body {
  return async (context, operation, input) => {
    const change = operation.stateChange;
    if (!change || (resources === 'shared' && change.kind !== 'create')) return body(context, operation, input);
    const ops = resourceOperations(catalog[context.entry.version] ?? [], change.resource);
    if (!ops) {
      throw new StepError(`ske ${context.entry.version} cannot create, show and delete a ${change.resource}`);
    }
    const api = client(context);
    if (change.kind === 'create') {
      const outcome = await body(context, operation, input);
      const created = createdId(answerOf(outcome), change.resource);
      if (created) await removeOwn(api, ops, created);
      return outcome;
    }
    const id = await createOwn(api, ops);
    try {
      return await body(context, operation, inputFor(operation, ops.show, id, input));
    } finally {
      await removeOwn(api, ops, id);
    }
  };
}

/** A scenario's run: `body` with this version's description of the operation and its example arguments. */
function runWith(catalog: OperationCatalog, id: string, body: Body, resources: Resources = 'shared') {
  const run = onResources(catalog, resources, body);
  return (context: ScenarioContext): Promise<Outcome> =>
    attempt(async () => {
      const operation = catalog[context.entry.version]?.find((candidate) => candidate.id === id);
      if (!operation)
        return {
          kind: 'error',
          name: 'NoSuchOperation',
          message: `ske ${context.entry.version} does not describe ${id}`,
        };
      const example = exampleInput(operation);
      if (!example.input) return { kind: 'error', name: 'NoExample', message: `no example for ${example.missing}` };
      return run(context, operation, example.input);
    });
}

function methodOf(api: CompatClient, name: string): Method | undefined {
  const method = (api as unknown as Record<string, unknown>)[name];
  return typeof method === 'function' ? (method as Method) : undefined;
}

const noMethod = (name: string): Outcome => ({
  kind: 'error',
  name: 'NoClientMethod',
  message: `the generated client has no ${name}`,
});

/** Calls the operation's method of the generated client (named by its operationId). */
async function callOperation(api: CompatClient, operation: CompatOperation, input: unknown): Promise<Outcome> {
  const method = methodOf(api, operation.id);
  if (!method) return noMethod(operation.id);
  const response = await method(input);
  return successOutcome(response.status, response.data);
}

/** The example arguments through the operation's method, and through its kubeconfig convenience when it has one. */
const example: Body = async (context, operation, input) => {
  const api = client(context);
  const outcome = await callOperation(api, operation, input);
  if (!operation.convenience || outcome.kind !== 'kubeconfig') return outcome;
  const convenience = methodOf(api, operation.convenience) as
    | ((input: unknown) => Promise<{ server: string; contexts: string[] }>)
    | undefined;
  if (!convenience) return noMethod(operation.convenience);
  const viaConvenience = await observe(() => convenience(input));
  if (comparable(viaConvenience) === comparable(outcome)) return outcome;
  return {
    kind: 'error',
    name: 'ConvenienceDiffers',
    message: `${operation.convenience} gave ${describeOutcome(viaConvenience)}, ${operation.id} ${describeOutcome(outcome)}`,
  };
};

/** The example arguments through the raw client with the version header removed; the emulator says what answered. */
const noVersionHeader: Body = async (context, operation, input) => {
  const raw = context.createRawClient(context.clientOptions) as unknown as Record<string, RawMethod | undefined>;
  const method = raw[operation.method];
  if (!method) return noMethod(operation.method);
  const before = context.emulator?.requests.length ?? 0;
  const { data, response } = await method(operation.path, {
    params: rawParams(operation, input),
    ...(input.body !== undefined && { body: input.body }),
    headers: { 'Scp-Api-Version': null },
    parseAs: /[/+]json\b/i.test(operation.success.contentType) ? 'json' : 'text',
  });
  const seen = context.emulator?.requests[before];
  if (!response.ok) return { kind: 'api-error', status: response.status, code: seen?.code ?? `HTTP${response.status}` };
  const outcome = await successOutcome(response.status, data);
  return { ...outcome, answeredAs: seen?.apiVersion ?? 'unknown' } as Outcome;
};

const succeeded =
  (operation: CompatOperation, answeredAs?: string) =>
  (outcome: Outcome): string | undefined => {
    const ok =
      (outcome.kind === 'kubeconfig' || (outcome.kind === 'data' && outcome.status === operation.success.status)) &&
      outcome.answeredAs === answeredAs;
    return ok ? undefined : `its success answer (${operation.success.status})${answeredAs ? ` as ${answeredAs}` : ''}`;
  };

/** The generic scenarios of one operation, titled from `operation` (the reference version's description). */
export function operationScenarios(
  catalog: OperationCatalog,
  operation: CompatOperation,
  options: Pick<BuildOptions, 'emulator' | 'declared'> = {},
): Scenario[] {
  const { id } = operation;
  const declared = options.declared ?? [];
  const sample = exampleInput(operation);
  const notApplicable = (reason: string | undefined) => (reason ? { notApplicable: reason } : {});
  const noExample = sample.input ? undefined : `the spec gives no example for ${sample.missing}, a required argument`;
  const base = { operation: id, judge: 'reference' as const, ...notApplicable(noExample) };
  const needsExample = operation.parameters.some((parameter) => parameter.required);

  const taken = options.emulator?.clusterIds ?? [];
  const unknown = unknownResource(operation, taken);
  const pathNames = operation.parameters.filter((parameter) => parameter.in === 'path').map((one) => one.name);
  const unknownReason = !unknown
    ? `${id} has no path parameter to name an unknown resource`
    : !operation.statuses.includes('404')
      ? `${id} documents no 404`
      : unknown.missing
        ? `no well-formed value of ${unknown.missing} other than the fixtures' could be derived from its example`
        : undefined;

  const malformed = malformedArgument(operation);
  const malformedReason = malformed
    ? undefined
    : `no parameter of ${id} has a constraint to break (pattern, enum, const, bounds, lengths)`;

  // Only an operation that takes a request body gets the invalid-body scenario.
  const withoutField = bodyWithoutRequired(operation);
  const invalidBodyReason = withoutField ? undefined : `the request body of ${id} requires no field`;
  // A change the emulator carries out would be a real one against a real endpoint.
  const changes = operation.stateChange !== undefined;

  const { actionId } = operation;
  const lacking = options.emulator?.credentials.find(
    (credentials) => actionId && credentials.actions && !credentials.actions.includes(actionId),
  );
  const actionReason = !actionId
    ? `${id} has no x-scp-action-id`
    : options.emulator && !lacking
      ? `every key of the emulator may use ${actionId}`
      : undefined;

  return [
    {
      ...base,
      id: `${id}/example`,
      title: `Example ${operation.body ? 'arguments and body' : 'arguments'} (${operation.success.status}${operation.convenience ? `; also ${operation.convenience}` : ''}${changes ? `; on its own ${operation.stateChange?.resource}` : ''})`,
      // Required examples name the emulator's demo cluster; a real endpoint has its own ids.
      needsEmulator: needsExample || changes,
      expect: succeeded(operation),
      // A version whose answer lacks only what later versions add (declared) differs as expected.
      explain: (version, outcome, reference) =>
        explainAnswer(outcome, reference, operation.answerSchema, version, declared),
      run: runWith(catalog, id, example, 'own'),
    },
    {
      ...base,
      ...notApplicable(noExample ?? unknownReason),
      id: `${id}/unknown-resource`,
      title: `Unknown ${pathNames.join(', ') || 'resource'} (404)`,
      needsEmulator: false,
      expect: errorStatus(404),
      run: runWith(catalog, id, async (context, version, input) => {
        const values = unknownResource(version, taken)?.values;
        if (!values) return { kind: 'error', name: 'NoUnknownValue', message: `no unknown value for ${id}` };
        return callOperation(client(context), version, { ...input, ...values });
      }),
    },
    {
      ...base,
      ...notApplicable(noExample ?? malformedReason),
      id: `${id}/malformed-argument`,
      title: malformed
        ? `Malformed ${malformed.parameter.key}: ${JSON.stringify(malformed.value)} (refused, not sent)`
        : 'Malformed argument (refused, not sent)',
      needsEmulator: false,
      expect: (outcome) =>
        outcome.kind === 'refused' && outcome.reason === 'input' && outcome.detail === malformed?.parameter.key
          ? undefined
          : `a refusal of ${malformed?.parameter.key} before the network`,
      run: runWith(catalog, id, async (context, version, input) => {
        const bad = malformedArgument(version);
        if (!bad) return { kind: 'error', name: 'NoMalformedValue', message: `no malformed value for ${id}` };
        const before = context.emulator?.requests.length;
        const outcome = await attempt(() =>
          callOperation(client(context), version, { ...input, [bad.parameter.key]: bad.value }),
        );
        if (context.emulator && context.emulator.requests.length !== before) {
          return {
            kind: 'error',
            name: 'ReachedNetwork',
            message: `the malformed ${bad.parameter.key} reached the emulator`,
          };
        }
        return outcome;
      }),
    },
    ...(operation.body
      ? [
          {
            ...base,
            ...notApplicable(noExample ?? invalidBodyReason),
            id: `${id}/invalid-body`,
            title: withoutField ? `Body without ${withoutField.field} (400)` : 'Body without a required field (400)',
            needsEmulator: true,
            expect: errorStatus(400),
            run: runWith(catalog, id, async (context, version, input) => {
              const invalid = bodyWithoutRequired(version);
              if (!invalid) return { kind: 'error', name: 'NoInvalidBody', message: `no invalid body for ${id}` };
              return callOperation(client(context), version, { ...input, body: invalid.body });
            }),
          },
        ]
      : []),
    {
      ...base,
      id: `${id}/wrong-secret`,
      title: 'Wrong secret key (401)',
      needsEmulator: false,
      expect: errorStatus(401),
      run: runWith(catalog, id, (context, version, input) =>
        callOperation(
          client(context, {
            credentials: { accessKey: context.clientOptions.credentials.accessKey, secretKey: 'not-the-secret-key' },
          }),
          version,
          input,
        ),
      ),
    },
    {
      ...base,
      id: `${id}/no-version-header`,
      title: `No Scp-Api-Version header (answered as ${CURRENT_API_VERSION})`,
      needsEmulator: true,
      expect: succeeded(operation, CURRENT_API_VERSION),
      // The version's own body, answered as CURRENT: refused for a field only later versions require (declared).
      explain: (version, outcome, reference) =>
        explainRefusedBody(
          outcome,
          reference,
          catalog[version]?.find((candidate) => candidate.id === id)?.body?.sample,
          operation.body?.schema,
          version,
          declared,
        ),
      run: runWith(catalog, id, noVersionHeader, 'own'),
    },
    {
      ...base,
      ...notApplicable(noExample ?? actionReason),
      id: `${id}/action-not-granted`,
      title: `Key without ${actionId ?? 'its IAM action'} (403)`,
      needsEmulator: true,
      expect: errorStatus(403),
      run: runWith(catalog, id, async (context, version, input) => {
        const key = context.emulator?.credentials.find(
          (credentials) => version.actionId && credentials.actions && !credentials.actions.includes(version.actionId),
        );
        if (!key)
          return { kind: 'error', name: 'NoSuchKey', message: `no key of the emulator lacks ${version.actionId}` };
        const credentials = { accessKey: key.accessKey, secretKey: key.secretKey };
        return callOperation(client(context, { credentials }), version, input);
      }),
    },
  ];
}

/**
 * Every scenario of a run, in report order: the lifecycle and a cluster's and a nodepool's life, then
 * for each operation (the reference version's, then any only other versions describe) its generic
 * scenarios, followed, for the operation behind `getUserKubeconfig`, by the kubeconfig scenarios
 * specific to it.
 */
export function buildScenarios(catalog: OperationCatalog, options: BuildOptions): Scenario[] {
  const scenarios: Scenario[] = [lifecycleScenario, resourceLifecycleScenario(catalog, options.reference)];
  for (const operation of operationsOf(catalog, options.reference)) {
    scenarios.push(...operationScenarios(catalog, operation, options));
    if (operation.convenience === 'getUserKubeconfig') scenarios.push(...kubeconfigScenarios(operation.id));
  }
  return scenarios;
}
