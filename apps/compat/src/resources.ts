/**
 * The resources a scenario changes are its own. A scenario that updates or deletes a cluster or a
 * nodepool first creates one (with the create operation's example body) and waits until it settles;
 * whatever a scenario creates it deletes again, and waits until it is gone. So the emulator's fixtures
 * (the demo cluster the other scenarios read) never change, and no scenario depends on another's order.
 *
 * Which operations create, show and delete a resource is read from the spec (`x-scp-state-change`,
 * `x-scp-resource`), as is what a status goes through. Every call goes through the version's
 * generated client; every wait is bounded.
 */
import type { SkeResponse } from '@scp-ske/client';
import { type CompatOperation, exampleInput, type StateChange } from './operations.js';
import type { CompatClient } from './scenarios.js';

/** How often a status is looked at while a change is under way, and how many times at most. */
export const POLL_MS = 2;
export const POLL_LIMIT = 1500;

/** A step of a scenario that did not go as the spec says; its message names the step. */
export class StepError extends Error {
  override readonly name = 'StepFailed';
}

/** The operations of one version that create, show and delete one kind of resource. */
export interface ResourceOperations {
  resource: string;
  create: CompatOperation;
  show: CompatOperation;
  remove: CompatOperation;
}

type Method = (input: unknown) => Promise<SkeResponse<unknown>>;
type Json = Record<string, unknown>;

/** The operations that create, show (`x-scp-resource`) and delete `resource`; undefined when one is missing. */
export function resourceOperations(
  operations: readonly CompatOperation[],
  resource: string,
): ResourceOperations | undefined {
  const changing = (kind: StateChange['kind']) =>
    operations.find((one) => one.stateChange?.resource === resource && one.stateChange.kind === kind);
  const create = changing('create');
  const remove = changing('delete');
  const show = operations.find((one) => one.resource === resource);
  return create && remove && show ? { resource, create, show, remove } : undefined;
}

/** Calls an operation through the generated client: its status and body. Throws what the client throws. */
export async function send(
  api: CompatClient,
  operation: CompatOperation,
  input: unknown,
): Promise<{ status: number; data: unknown }> {
  const method = (api as unknown as Record<string, unknown>)[operation.id];
  if (typeof method !== 'function') throw new StepError(`the generated client has no ${operation.id}`);
  const { status, data } = await (method as Method)(input);
  return { status, data };
}

/** The id of the resource a create answer names: `resource_id` (an accepted change), else `<resource>.id`. */
export function createdId(data: unknown, resource: string): string | undefined {
  const answer = (data ?? {}) as Json;
  const id = answer.resource_id ?? (answer[resource] as Json | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The input naming resource `id` by the path parameter `operation` has for it (`{ clusterId }`), with `rest`. */
export function inputFor(operation: CompatOperation, show: CompatOperation, id: string, rest: Json = {}): Json {
  const named = show.parameters.find((parameter) => parameter.in === 'path');
  const own = operation.parameters.find((parameter) => parameter.in === 'path' && parameter.name === named?.name);
  if (!own) throw new StepError(`${operation.id} has no path parameter ${named?.name} to name a ${show.resource}`);
  return { ...rest, [own.key]: id };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));
const statusOf = (value: Json | undefined) => String(value?.status);

/** The resource as `show` answers it; undefined once it is gone (404). */
export async function look(api: CompatClient, ops: ResourceOperations, id: string): Promise<Json | undefined> {
  try {
    const { data } = await send(api, ops.show, inputFor(ops.show, ops.show, id));
    return (data as Json)[ops.resource] as Json;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}

/**
 * Looks at the resource until its status is what `change` settles in, and returns it. A status other
 * than the change's own (`during`, `duringWhenShrinking`, `settles`) fails at once, unless `lenient`
 * (a teardown waits through whatever a failed scenario left). A change without `settles` is looked at once.
 */
export async function settle(
  api: CompatClient,
  ops: ResourceOperations,
  id: string,
  change: Pick<StateChange, 'during' | 'duringWhenShrinking' | 'settles'> | undefined,
  lenient = false,
): Promise<Json> {
  const allowed = [change?.during, change?.duringWhenShrinking, change?.settles];
  let value: Json | undefined;
  for (let looks = 0; looks < POLL_LIMIT; looks += 1) {
    value = await look(api, ops, id);
    if (!value) throw new StepError(`${ops.resource} ${id} is gone (404) before it settled`);
    const status = statusOf(value);
    if (change?.settles === undefined || status === change.settles) return value;
    if (!lenient && !allowed.includes(status)) {
      throw new StepError(`${ops.resource} turned ${status} (expected ${change.during} → ${change.settles})`);
    }
    await pause();
  }
  throw new StepError(`${ops.resource} stayed ${statusOf(value)} (not ${change?.settles} after ${POLL_LIMIT} looks)`);
}

/** Looks at the resource until `show` answers 404. */
export async function awaitGone(api: CompatClient, ops: ResourceOperations, id: string): Promise<void> {
  let value: Json | undefined;
  for (let looks = 0; looks < POLL_LIMIT; looks += 1) {
    value = await look(api, ops, id);
    if (!value) return;
    await pause();
  }
  throw new StepError(`${ops.resource} still there (${statusOf(value)}) after ${POLL_LIMIT} looks`);
}

/** The create operation's example input, its body's fields replaced by `fields` (a nodepool's `cluster_id`). */
export function createInput(ops: ResourceOperations, fields: Json = {}): Json {
  const { input, missing } = exampleInput(ops.create);
  if (!input) throw new StepError(`no example for ${missing} of ${ops.create.id}`);
  return { ...input, body: { ...(input.body as Json), ...fields } };
}

/** Creates a resource of its own with the create operation's example (fields replaced), settled: its id. */
export async function createOwn(api: CompatClient, ops: ResourceOperations, fields: Json = {}): Promise<string> {
  const { data } = await send(api, ops.create, createInput(ops, fields));
  const id = createdId(data, ops.resource);
  if (!id) throw new StepError(`${ops.create.id} named no ${ops.resource} id`);
  await settle(api, ops, id, ops.create.stateChange);
  return id;
}

/** Deletes a resource of its own once it has settled (unless it is being deleted already), and waits until it is gone. */
export async function removeOwn(api: CompatClient, ops: ResourceOperations, id: string): Promise<void> {
  const value = await look(api, ops, id);
  if (!value) return;
  if (statusOf(value) !== ops.remove.stateChange?.during) {
    await settle(api, ops, id, ops.create.stateChange, true);
    await send(api, ops.remove, inputFor(ops.remove, ops.show, id));
  }
  await awaitGone(api, ops, id);
}
