/**
 * Every generated client's operation table (`OPERATIONS`, what its `createSkeClient` turns into
 * methods), by version. Written by hand until the client generator writes it into
 * `generated/clients.ts` next to the factories; `operation-tables.test.ts` holds it to the manifest.
 */
import type { OperationTable } from '@scp-ske/client';
import { OPERATIONS as operations_1_0 } from '@scp-ske/client-1.0';
import { OPERATIONS as operations_1_1 } from '@scp-ske/client-1.1';
import { OPERATIONS as operations_1_2 } from '@scp-ske/client-1.2';
import { OPERATIONS as operations_1_3 } from '@scp-ske/client-1.3';

export const operationTables: Readonly<Record<string, OperationTable>> = {
  '1.0': operations_1_0,
  '1.1': operations_1_1,
  '1.2': operations_1_2,
  '1.3': operations_1_3,
};
