/**
 * What the spec says about each resource the store keeps, read from the newest version's routes:
 * its schema and example (the show operation's, `x-scp-resource`), its steady status (what its
 * creation `settles` to, `x-scp-state-change`), the statuses its changes run in, the resource it
 * belongs to (a property named after another resource, holding its `id`: a nodepool's `cluster`),
 * and how its ids look (32 hex digits where the id's schema says so, else a UUID).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compileProjection } from '../project.js';
import type { Route } from '../routes.js';
import type { Resource } from './store.js';

export interface Schema {
  type?: string | string[];
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface ResourceModel {
  kind: string;
  /** The resource's schema in the newest version. */
  schema: Schema;
  /** The show operation's example of it, shaped by its schema: what a new resource starts from. */
  template: Resource;
  /** The status it rests in (`RUNNING`, `Running`): what its creation settles to. */
  steady: string | undefined;
  /** The statuses its changes run in (`CREATING`, `UPDATING`, `DELETING`). */
  during: ReadonlySet<string>;
  /** The kind of resource it belongs to (`cluster` for a nodepool). */
  parentKind: string | undefined;
  newId(): string;
}

const HEX32 = '^[0-9a-f]{32}$';

function successSchema(route: Route): Schema | undefined {
  return route.response.schema as Schema | undefined;
}

function exampleOf(route: Route): Resource | undefined {
  const payload = route.response.example?.payload as Record<string, unknown> | undefined;
  return payload?.[route.resource as string] as Resource | undefined;
}

export function compileModels(routes: readonly Route[]): Map<string, ResourceModel> {
  const models = new Map<string, ResourceModel>();
  for (const route of routes) {
    const kind = route.resource;
    if (kind === undefined || route.method !== 'GET') continue;
    const schema = successSchema(route)?.properties?.[kind];
    const example = exampleOf(route);
    if (!schema || !example) continue;
    const idPattern = schema.properties?.id?.pattern;
    models.set(kind, {
      kind,
      schema,
      template: compileProjection(schema)(structuredClone(example)) as Resource,
      steady: undefined,
      during: new Set(),
      parentKind: undefined,
      newId: idPattern === HEX32 ? () => randomBytes(16).toString('hex') : () => randomUUID(),
    });
  }
  for (const route of routes) {
    const change = route.stateChange;
    const model = change && models.get(change.resource);
    if (!model || !change) continue;
    if (change.kind === 'create' && change.settles !== undefined) model.steady = change.settles;
    for (const status of [change.during, change.duringWhenShrinking]) {
      if (status !== undefined) (model.during as Set<string>).add(status);
    }
  }
  for (const model of models.values()) {
    for (const [name, property] of Object.entries(model.schema.properties ?? {})) {
      if (name !== model.kind && models.has(name) && property.properties?.id) model.parentKind = name;
    }
  }
  return models;
}

/** The schema at a dotted path of a resource schema (`vpc.id`), through nullable alternatives. */
export function schemaAt(schema: Schema | undefined, path: readonly string[]): Schema | undefined {
  let current = schema;
  for (const name of path) {
    current = propertiesOf(current)?.[name];
    if (!current) return undefined;
  }
  return current;
}

function propertiesOf(schema: Schema | undefined): Record<string, Schema> | undefined {
  if (!schema) return undefined;
  if (schema.properties) return schema.properties;
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    const found = propertiesOf(branch);
    if (found) return found;
  }
  return undefined;
}
