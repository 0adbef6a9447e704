/**
 * A cluster's and a nodepool's life, through one version's generated client: create a cluster and a
 * nodepool on it, scale the nodepool, upgrade the cluster and then the nodepool, delete the nodepool
 * and then the cluster. After each step the resource is looked at (`show`) until its status settles,
 * as the step's `x-scp-state-change` says (a status outside it fails the step), what the request set
 * is checked on it, and the list shows it (or no longer does). Every wait is bounded (resources.ts);
 * whatever the scenario created is deleted, even when a step fails.
 */
import { type CompatOperation, exampleInput, type OperationCatalog } from './operations.js';
import { attempt, type Outcome } from './outcome.js';
import {
  awaitGone,
  createdId,
  createInput,
  inputFor,
  type ResourceOperations,
  removeOwn,
  resourceOperations,
  StepError,
  send,
  settle,
} from './resources.js';
import { type CompatClient, client, type Scenario, type ScenarioContext } from './scenarios.js';

/** The operations the scenario goes through, besides those that create, show and delete each resource. */
const STEPS = ['listClusters', 'listNodepools', 'setNodepool', 'setClusterUpgrade', 'setNodepoolUpgrade'] as const;
const RESOURCES = ['cluster', 'nodepool'] as const;

type Json = Record<string, unknown>;

/** The value at a dotted path (`cluster.id`). */
const at = (value: Json, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);

/**
 * Checks on the settled resource each field the request set from a plain body value
 * (`x-scp-state-change.sets`), and returns them as `field value`.
 */
function checkSets(operation: CompatOperation, body: unknown, value: Json): string[] {
  const sent = (body ?? {}) as Json;
  const checked: string[] = [];
  for (const [field, from] of Object.entries(operation.stateChange?.sets ?? {})) {
    const expected = sent[from];
    if (expected === null || expected === undefined || typeof expected === 'object') continue;
    const actual = at(value, field);
    if (actual !== expected)
      throw new StepError(`${operation.id}: ${field} is ${String(actual)}, sent ${String(expected)}`);
    checked.push(`${field} ${String(expected)}`);
  }
  return checked;
}

/** Whether the list operation lists `id` (`listed`), or no longer does (`gone`); fails otherwise. */
async function checkListed(
  api: CompatClient,
  list: CompatOperation,
  input: object,
  id: string,
  expected: 'listed' | 'no longer listed',
): Promise<string> {
  const { data } = await send(api, list, input);
  const items = (data as Json)[list.items ?? ''];
  if (!Array.isArray(items)) throw new StepError(`${list.id} answered no ${list.items} list`);
  const listed = items.some((item) => (item as Json).id === id) ? 'listed' : 'no longer listed';
  if (listed !== expected) throw new StepError(`${list.id}: ${id} is ${listed}, expected ${expected}`);
  return `${list.id}: ${listed}`;
}

async function live(context: ScenarioContext, operations: readonly CompatOperation[]): Promise<Outcome> {
  const version = context.entry.version;
  const step = (id: (typeof STEPS)[number]) => {
    const found = operations.find((operation) => operation.id === id);
    if (!found) throw new StepError(`ske ${version} has no ${id}`);
    return found;
  };
  const [cluster, nodepool] = RESOURCES.map((resource) => {
    const found = resourceOperations(operations, resource);
    if (!found) throw new StepError(`ske ${version} cannot create, show and delete a ${resource}`);
    return found;
  }) as [ResourceOperations, ResourceOperations];
  const api = client(context);
  const steps: string[] = [];
  const made: [ResourceOperations, string][] = [];

  /** Creates a resource and waits until it settles; what the request set is checked. */
  const create = async (ops: ResourceOperations, fields: Json = {}) => {
    const input = createInput(ops, fields);
    const { status, data } = await send(api, ops.create, input);
    const id = createdId(data, ops.resource);
    if (!id) throw new StepError(`${ops.create.id} named no ${ops.resource} id`);
    made.unshift([ops, id]);
    const value = await settle(api, ops, id, ops.create.stateChange);
    checkSets(ops.create, input.body, value);
    return { id, line: `${ops.create.id} ${status} → ${String(value.status)}` };
  };
  /** Changes a resource with the operation's example body and waits until it settles. */
  const change = async (operation: CompatOperation, ops: ResourceOperations, id: string) => {
    const example = exampleInput(operation).input ?? {};
    const { status } = await send(api, operation, inputFor(operation, ops.show, id, example));
    const value = await settle(api, ops, id, operation.stateChange);
    const sets = checkSets(operation, example.body, value);
    steps.push(`${operation.id} ${status} → ${String(value.status)}${sets.length > 0 ? ` (${sets.join(', ')})` : ''}`);
    return value;
  };
  /** Deletes a resource and waits until it is gone. */
  const remove = async (ops: ResourceOperations, id: string) => {
    const { status } = await send(api, ops.remove, inputFor(ops.remove, ops.show, id));
    await awaitGone(api, ops, id);
    return `${ops.remove.id} ${status} → gone (404)`;
  };

  try {
    const listClusters = step('listClusters');
    const listNodepools = step('listNodepools');
    const clusterList = {};
    const created = await create(cluster);
    const clusterId = created.id;
    steps.push(`${created.line}, ${await checkListed(api, listClusters, clusterList, clusterId, 'listed')}`);
    const nodepoolList = inputFor(listNodepools, cluster.show, clusterId);
    const createdNodepool = await create(nodepool, { cluster_id: clusterId });
    const nodepoolId = createdNodepool.id;
    steps.push(`${createdNodepool.line}, ${await checkListed(api, listNodepools, nodepoolList, nodepoolId, 'listed')}`);

    await change(step('setNodepool'), nodepool, nodepoolId);
    const upgraded = await change(step('setClusterUpgrade'), cluster, clusterId);
    // The nodepool upgrade sends no version: the nodepool takes its cluster's.
    const nodepoolUpgraded = await change(step('setNodepoolUpgrade'), nodepool, nodepoolId);
    if (nodepoolUpgraded.kubernetes_version !== upgraded.kubernetes_version) {
      throw new StepError(
        `setNodepoolUpgrade: the nodepool runs ${String(nodepoolUpgraded.kubernetes_version)}, its cluster ${String(upgraded.kubernetes_version)}`,
      );
    }

    const nodepoolGone = await remove(nodepool, nodepoolId);
    steps.push(
      `${nodepoolGone}, ${await checkListed(api, listNodepools, nodepoolList, nodepoolId, 'no longer listed')}`,
    );
    const clusterGone = await remove(cluster, clusterId);
    steps.push(`${clusterGone}, ${await checkListed(api, listClusters, clusterList, clusterId, 'no longer listed')}`);
    return { kind: 'steps', steps };
  } finally {
    for (const [ops, id] of made) await removeOwn(api, ops, id).catch(() => undefined);
  }
}

/** The scenario; not applicable when the reference version lacks an operation it goes through. */
export function resourceLifecycleScenario(catalog: OperationCatalog, reference: string): Scenario {
  const operations = catalog[reference] ?? [];
  const missing = [
    ...STEPS.filter((id) => !operations.some((operation) => operation.id === id)),
    ...RESOURCES.filter((resource) => !resourceOperations(operations, resource)).map(
      (resource) => `operations to create, show and delete a ${resource}`,
    ),
  ];
  return {
    id: 'resource-lifecycle',
    title: 'A cluster and a nodepool: create, scale, upgrade, delete (each step seen by show and list)',
    judge: 'reference',
    // It creates and deletes resources: never against a real endpoint.
    needsEmulator: true,
    ...(missing.length > 0 && { notApplicable: `ske ${reference} has no ${missing.join(', ')}` }),
    expect: (outcome) => (outcome.kind === 'steps' ? undefined : 'every step as the spec says'),
    run: (context) => attempt(() => live(context, catalog[context.entry.version] ?? [])),
  };
}
