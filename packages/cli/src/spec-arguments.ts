/**
 * The CLI's look at the spec's parameters, from the generated operation table of the chosen version
 * (`operationTables`, written by the client generator beside the factories): to check an argument
 * before a request that comes first (a `--type` before the name lookup of `--cluster`), with the
 * client's own check and words, and to ask whether a value may be sent as a parameter at all.
 */
import { checkArgument, conforms, type OperationTable, type ParameterSpec } from '@scp-ske/client';
import type { Version } from './connection.js';
import { operationTables } from './generated/clients.js';

function parameter(version: Version, operationId: string, key: string): ParameterSpec | undefined {
  const table: OperationTable = operationTables[version];
  return table[operationId]?.parameters.find((candidate) => candidate.key === key);
}

/** Whether `value` may be sent as the `key` argument of `operationId` (true when the spec has no such parameter). */
export function accepts(version: Version, operationId: string, key: string, value: unknown): boolean {
  const spec = parameter(version, operationId, key);
  return spec === undefined || conforms(value, spec.schema);
}

/** Checks some arguments of `operationId` as its method will, before any request: a `SkeInputError` as the client's. */
export function checkArguments(version: Version, operationId: string, input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    const spec = parameter(version, operationId, key);
    if (spec !== undefined && value !== undefined) checkArgument(spec, value);
  }
}
