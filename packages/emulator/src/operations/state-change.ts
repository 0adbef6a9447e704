/**
 * Every operation that changes the store, one handler driven by the spec's `x-scp-state-change`
 * (`{ resource, kind, during?, duringWhenShrinking?, settles?, sets? }`):
 *
 * - create: a new resource from the show operation's example (shaped by its schema), with a fresh id
 *   (32 hex digits or a UUID, as the id's schema says), the caller's account, `created_at` /
 *   `modified_at` now (`T` form), each `sets` field from the request body (a field the body leaves
 *   out: an empty list, or null where allowed, else the example's), then what follows from those
 *   (rules.ts). It belongs to the resource `sets` names by `<resource>.id` (a nodepool's cluster:
 *   404 when unknown, 403 when the key may not see it, 400 when it is not in its steady status).
 * - update: the resource the path names (`<resource>_id`), each `sets` field the body gives (a
 *   source `<resource>.<field>` reads a related resource: `cluster.kubernetes_version` is the
 *   nodepool's cluster's), `modified_at` now.
 * - delete: the resource is marked, then removed (with what belongs to it).
 *
 * With `during`, the resource shows that status (`duringWhenShrinking` when the desired node count
 * goes down) until the change is done, `transitionMs` later on the emulator's clock, when it shows
 * `settles` (or is gone). Without, the change is done at once. The answer is the resource (when the
 * success schema holds it by name: `ClusterShowResponse`, `NodepoolShowResponse`) or SCP's
 * `AsyncResponse` (`account_id`, `request_id`, `resource_id`).
 *
 * State rules (400 `InvalidState`): a resource accepts a create below it or an update only in its
 * steady status (`RUNNING`, `Running`): not while a change runs (`CREATING`, `UPDATING`, `ScalingUp`,
 * …) nor in another status a fixture gave it; a nodepool's create or update also needs its cluster
 * steady. A delete is accepted in any status but while the resource is already being deleted; it
 * supersedes a change that was running.
 */
import { createHash } from 'node:crypto';
import { CLUSTER_DEFAULTS } from '../complete-cluster.js';
import type { ErrorAnswer } from '../envelope.js';
import type { EmulatorCredentials } from '../fixtures.js';
import { admitsNull } from '../project.js';
import type { SuccessAnswer } from '../responses.js';
import type { Route, StateChange } from '../routes.js';
import { type ResourceModel, type Schema, schemaAt } from '../state/model.js';
import { RULES } from '../state/rules.js';
import { emptyFor, fit, getPath, setPath, timestamp } from '../state/shape.js';
import { type Entry, newEntry, type Resource } from '../state/store.js';
import type { HandlerFactory, OperationContext, OperationRequest } from './types.js';
import { visibleEntry } from './visible.js';

/** One `sets` entry, compiled: where it writes, with what schema, and where it reads. */
interface CompiledSet {
  target: string[];
  schema: Schema | undefined;
  /** A body field, or a related resource's field (`cluster.kubernetes_version`). */
  source: { field: string } | { kind: string; path: string[] };
}

function compileSets(change: StateChange, model: ResourceModel, kinds: ReadonlySet<string>): CompiledSet[] {
  return Object.entries(change.sets ?? {}).map(([target, source]) => {
    const [first = '', ...rest] = source.split('.');
    const path = target.split('.');
    return {
      target: path,
      schema: schemaAt(model.schema, path),
      source: rest.length > 0 && kinds.has(first) ? { kind: first, path: rest } : { field: source },
    };
  });
}

const capitalized = (text: string) => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;

const invalidState = (detail: string): ErrorAnswer => ({ status: 400, code: 'InvalidState', detail: [detail] });

/** A 400 unless the resource rests in its steady status. */
function requireSteady(entry: Entry, model: ResourceModel | undefined, operationId: string): ErrorAnswer | undefined {
  const status = entry.value.status;
  if (!model?.steady || status === model.steady) return undefined;
  const what = `${capitalized(entry.kind)} ${String(entry.value.name)} is ${String(status)}`;
  // Being deleted: it will never be steady again.
  if (entry.pending?.remove) return invalidState(`${what}: it is being deleted; ${operationId} cannot run on it.`);
  if (model.during.has(String(status))) {
    return invalidState(`${what}: a change is in progress; ${operationId} can run once it is ${model.steady}.`);
  }
  return invalidState(`${what}; ${operationId} needs it ${model.steady}.`);
}

/** A user id for an access key (who created or changed a resource): 32 hex digits, the same on every run. */
export const userOf = (caller: EmulatorCredentials) =>
  createHash('sha256').update(`user\n${caller.accessKey}`).digest('hex').slice(0, 32);

const accountOf = (caller: EmulatorCredentials) => caller.accountId ?? CLUSTER_DEFAULTS.accountId;

export const changeState: HandlerFactory = (context) => {
  const kinds = new Set(context.models.keys());
  const compiled = new Map<Route, CompiledSet[]>();
  const setsOf = (route: Route, model: ResourceModel) => {
    let sets = compiled.get(route);
    if (!sets) {
      sets = compileSets(route.stateChange as StateChange, model, kinds);
      compiled.set(route, sets);
    }
    return sets;
  };

  return (request) => {
    const change = request.route.stateChange as StateChange;
    const model = context.models.get(change.resource);
    if (!model) {
      return {
        status: 500,
        code: 'EmulatorError',
        detail: [`${request.route.operationId}: the spec shows no ${change.resource} (no x-scp-resource operation).`],
      };
    }
    const sets = setsOf(request.route, model);
    if (change.kind === 'create') return create(context, request, change, model, sets);
    const kind = change.resource;
    const entry = visibleEntry(context.store, kind, request.path[`${kind}_id`], request.caller.accessKey);
    if ('code' in entry) return entry;
    if (change.kind === 'delete') return remove(context, request, change, entry);
    return update(context, request, change, model, sets, entry);
  };
};

/** Writes the `sets` fields the request gives (on a new resource, the ones it leaves out too). */
function applySets(
  value: Resource,
  sets: readonly CompiledSet[],
  body: Resource,
  parent: Entry | undefined,
  creating: boolean,
) {
  for (const set of sets) {
    let field: unknown;
    if ('field' in set.source) field = body[set.source.field];
    else {
      const { kind, path } = set.source;
      let related = parent;
      while (related && related.kind !== kind) related = related.parent;
      field = related ? getPath(related.value, path) : undefined;
    }
    if (field === undefined) {
      const empty = creating ? emptyFor(set.schema) : undefined;
      if (empty !== undefined) setPath(value, set.target, empty);
      continue;
    }
    // A null where the resource cannot hold one leaves the field as it is (`NodepoolUpdateRequest`).
    if (field === null && !admitsNull(set.schema as never)) continue;
    setPath(value, set.target, fit(field, set.schema, getPath(value, set.target)));
  }
}

function stamp(value: Resource, request: OperationRequest, creating: boolean): void {
  const now = timestamp(request.nowMs);
  const user = userOf(request.caller);
  if (creating) {
    value.created_at = now;
    value.created_by = user;
  }
  value.modified_at = now;
  value.modified_by = user;
}

/** The answer to a change: the resource, where the success schema holds it by name, else `AsyncResponse`. */
function answerFor(request: OperationRequest, entry: Entry): SuccessAnswer {
  const properties = (request.route.response.schema as Schema | undefined)?.properties ?? {};
  if (properties[entry.kind]) return { payload: { [entry.kind]: entry.value } };
  return {
    payload: {
      account_id: accountOf(request.caller),
      request_id: request.requestId.replace(/^req-/, ''),
      resource_id: entry.id,
    },
  };
}

/** Starts a change that runs until `transitionMs` from now, or finishes it at once without `during`. */
function begin(
  context: OperationContext,
  request: OperationRequest,
  entry: Entry,
  during: string | undefined,
  settles: string | undefined,
) {
  if (during === undefined) {
    RULES[entry.kind]?.settled?.(entry);
    return;
  }
  entry.value.status = during;
  context.store.begin(entry, {
    dueAt: request.nowMs + context.transitionMs,
    ...(settles !== undefined && { settles }),
  });
}

function create(
  context: OperationContext,
  request: OperationRequest,
  change: StateChange,
  model: ResourceModel,
  sets: readonly CompiledSet[],
): SuccessAnswer | ErrorAnswer {
  const body = (request.body ?? {}) as Resource;
  let parent: Entry | undefined;
  if (model.parentKind !== undefined) {
    const link = sets.find((set) => set.target.join('.') === `${model.parentKind}.id` && 'field' in set.source);
    const parentId = link && 'field' in link.source ? body[link.source.field] : undefined;
    const found = visibleEntry(context.store, model.parentKind, parentId, request.caller.accessKey);
    if ('code' in found) return found;
    const refused = requireSteady(found, context.models.get(model.parentKind), request.route.operationId);
    if (refused) return refused;
    parent = found;
  }
  const value = structuredClone(model.template);
  value.id = model.newId();
  value.account_id = parent ? parent.value.account_id : accountOf(request.caller);
  stamp(value, request, true);
  applySets(value, sets, body, parent, true);
  RULES[model.kind]?.created?.(value, body, model.schema);
  const entry = newEntry(model.kind, value, parent);
  if (!parent) {
    // Visible to the keys of the caller's account (keys without one: to each other).
    entry.accessKeys = context.credentials
      .filter((credentials) => credentials.accountId === request.caller.accountId)
      .map((credentials) => credentials.accessKey);
  }
  const settles = change.settles ?? model.steady;
  value.status = settles;
  context.store.add(entry);
  begin(context, request, entry, change.during, settles);
  context.changed();
  return answerFor(request, entry);
}

function update(
  context: OperationContext,
  request: OperationRequest,
  change: StateChange,
  model: ResourceModel,
  sets: readonly CompiledSet[],
  entry: Entry,
): SuccessAnswer | ErrorAnswer {
  const operationId = request.route.operationId;
  const refused =
    requireSteady(entry, model, operationId) ??
    (entry.parent ? requireSteady(entry.parent, context.models.get(entry.parent.kind), operationId) : undefined);
  if (refused) return refused;
  const value = entry.value;
  const before = value.desired_node_count;
  const body = (request.body ?? {}) as Resource;
  applySets(value, sets, body, entry.parent, false);
  RULES[entry.kind]?.updated?.(value, body);
  stamp(value, request, false);
  const shrinking =
    change.duringWhenShrinking !== undefined && typeof before === 'number' && Number(value.desired_node_count) < before;
  begin(
    context,
    request,
    entry,
    shrinking ? change.duringWhenShrinking : change.during,
    change.settles ?? model.steady,
  );
  context.changed();
  return answerFor(request, entry);
}

function remove(
  context: OperationContext,
  request: OperationRequest,
  change: StateChange,
  entry: Entry,
): SuccessAnswer | ErrorAnswer {
  if (change.during !== undefined && entry.value.status === change.during) {
    return invalidState(
      `${capitalized(entry.kind)} ${String(entry.value.name)} is already being deleted (${change.during}).`,
    );
  }
  stamp(entry.value, request, false);
  if (change.during === undefined) {
    context.store.remove(entry);
    RULES[entry.kind]?.removed?.(entry);
  } else {
    entry.value.status = change.during;
    context.store.begin(entry, { dueAt: request.nowMs + context.transitionMs, remove: true });
  }
  context.changed();
  return answerFor(request, entry);
}
