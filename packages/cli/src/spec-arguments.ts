/**
 * The CLI's look at the spec's parameters, from the generated operation table of the chosen version
 * (every `@scp-ske/client-<version>` package exports its `OPERATIONS`): to check an argument before a
 * request that comes first (a `--type` before the name lookup of `--cluster`), with the client's own
 * words, and to ask whether a value may be sent as a parameter at all.
 */
import { conforms, describeSchema, type OperationTable, type ParameterSpec, SkeInputError } from '@scp-ske/client';
import type { Version } from './connection.js';

const tables = new Map<Version, Promise<OperationTable>>();

/** The operation table of `version`, loaded from its client package once. */
function operationTable(version: Version): Promise<OperationTable> {
  let table = tables.get(version);
  if (!table) {
    table = import(`@scp-ske/client-${version}`).then((module: { OPERATIONS: OperationTable }) => module.OPERATIONS);
    tables.set(version, table);
  }
  return table;
}

async function parameter(version: Version, operationId: string, key: string): Promise<ParameterSpec | undefined> {
  const table = await operationTable(version);
  return table[operationId]?.parameters.find((candidate) => candidate.key === key);
}

/** Whether `value` may be sent as the `key` argument of `operationId` (true when the spec has no such parameter). */
export async function accepts(version: Version, operationId: string, key: string, value: unknown): Promise<boolean> {
  const spec = await parameter(version, operationId, key);
  return spec === undefined || conforms(value, spec.schema);
}

/** Checks some arguments of `operationId` as its method will, before any request: a `SkeInputError` as the client's. */
export async function checkArguments(
  version: Version,
  operationId: string,
  input: Record<string, unknown>,
): Promise<void> {
  for (const [key, value] of Object.entries(input)) {
    const spec = await parameter(version, operationId, key);
    if (spec === undefined || value === undefined || conforms(value, spec.schema)) continue;
    const example = spec.example === undefined ? '' : `, e.g. ${spec.example}`;
    throw new SkeInputError(key, `${describeSchema(spec.schema)}${example}`);
  }
}
