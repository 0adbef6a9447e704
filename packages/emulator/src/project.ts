/**
 * Answers in the requested version's shape: a projection, compiled once from a response schema,
 * keeps exactly the properties the schema declares (recursively, through arrays, `allOf`, and the
 * `oneOf` / `anyOf` branch that fits the value), and sends a required property that is missing as
 * `null` where the schema allows null. The emulator stores each resource in the newest version's
 * shape; projected through ske 1.0's schema, a cluster loses `service_watch_logging_enabled`, a
 * nodepool `server_group_id`, `advanced_settings` and `linked_resources` (SCP's 1.0 SDK refuses
 * unknown fields). One naming rule bridges a resource and its summary: a property `<x>_id` the value
 * lacks is read from `<x>.id` (ClusterSummary's `subnet_id` from a Cluster's `subnet`).
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export type Projection = (value: unknown) => unknown;

const identity: Projection = (value) => value;

/** `value[name]`, or for a name `<x>_id` the value lacks, `value[x].id` (see above). */
export function fieldOf(value: Record<string, unknown>, name: string): unknown {
  const own = value[name];
  if (own !== undefined || !name.endsWith('_id')) return own;
  const holder = value[name.slice(0, -3)];
  return holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>).id : undefined;
}

function typesOf(schema: Schema): string[] {
  return typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
}

export function admitsNull(schema: Schema | undefined): boolean {
  if (!schema) return true;
  if (typesOf(schema).includes('null')) return true;
  return [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].some(admitsNull);
}

function isObjectSchema(schema: Schema): boolean {
  return (
    schema.properties !== undefined || typesOf(schema).includes('object') || (schema.allOf ?? []).some(isObjectSchema)
  );
}

function isArraySchema(schema: Schema): boolean {
  return schema.items !== undefined || typesOf(schema).includes('array');
}

/** The properties and required names of an object schema, its `allOf` members' included. */
function shapeOf(schema: Schema): { properties: Record<string, Schema>; required: Set<string> } {
  const properties: Record<string, Schema> = { ...schema.properties };
  const required = new Set(schema.required ?? []);
  for (const member of schema.allOf ?? []) {
    const inner = shapeOf(member);
    Object.assign(properties, inner.properties);
    for (const name of inner.required) required.add(name);
  }
  return { properties, required };
}

interface Field {
  name: string;
  project: Projection;
  /** Sent as null when missing: required, and the schema allows null. */
  nullWhenMissing: boolean;
}

export function compileProjection(root: object | undefined): Projection {
  const memo = new Map<Schema, Projection>();

  function compile(schema: Schema | undefined): Projection {
    if (!schema || typeof schema !== 'object') return identity;
    const known = memo.get(schema);
    if (known) return known;
    // A schema that refers to itself (through a shared, dereferenced object) projects lazily.
    let built: Projection = identity;
    memo.set(schema, (value) => built(value));
    built = build(schema);
    memo.set(schema, built);
    return built;
  }

  function build(schema: Schema): Projection {
    const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
    if (branches.length > 0 && schema.properties === undefined && schema.items === undefined) {
      const objectBranch = branches.find(isObjectSchema);
      const arrayBranch = branches.find(isArraySchema);
      const forObject = objectBranch ? compile(objectBranch) : identity;
      const forArray = arrayBranch ? compile(arrayBranch) : identity;
      return (value) =>
        Array.isArray(value) ? forArray(value) : value !== null && typeof value === 'object' ? forObject(value) : value;
    }
    if (isArraySchema(schema) && !isObjectSchema(schema)) {
      const item = compile(schema.items);
      if (item === identity) return identity;
      return (value) => (Array.isArray(value) ? value.map(item) : value);
    }
    if (!isObjectSchema(schema)) return identity;
    const { properties, required } = shapeOf(schema);
    const names = Object.keys(properties);
    // A free-form object (no properties declared) is sent as it is.
    if (names.length === 0) return identity;
    const fields: Field[] = names.map((name) => ({
      name,
      project: compile(properties[name]),
      nullWhenMissing: required.has(name) && admitsNull(properties[name]),
    }));
    return (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of fields) {
        const found = fieldOf(source, field.name);
        if (found !== undefined) out[field.name] = field.project(found);
        else if (field.nullWhenMissing) out[field.name] = null;
      }
      return out;
    };
  }

  return compile(root as Schema | undefined);
}
