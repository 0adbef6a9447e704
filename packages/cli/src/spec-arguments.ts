/**
 * The CLI's look at the spec's parameters, from the operation table of the chosen version's client
 * (`connect` gives it): to check an argument before a request that comes first (a `--type` before
 * the name lookup of `--cluster`), with the client's own check and words.
 */
import { checkArgument, type OperationTable } from '@scp-ske/client';

/** Checks some arguments of `operationId` as its method will, before any request: a `SkeInputError` as the client's. */
export function checkArguments(operations: OperationTable, operationId: string, input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    const spec = operations[operationId]?.parameters.find((candidate) => candidate.key === key);
    if (spec !== undefined && value !== undefined) checkArgument(spec, value);
  }
}
