/**
 * The operations the emulator answers with a handler, by operationId. An operation of the spec that
 * is not here is answered from its 200 response's example, or 501 `NotImplemented` without one.
 */
import { createClusterKubeconfig } from './create-cluster-kubeconfig.js';
import { listClusters } from './list-clusters.js';
import { showCluster } from './show-cluster.js';
import { showClusterUserKubeconfig } from './show-cluster-user-kubeconfig.js';
import type { HandlerFactory } from './types.js';

/** The operations the emulator has a handler for (and can inject faults into by name). */
export type OperationId = 'listClusters' | 'showCluster' | 'createClusterKubeconfig' | 'showClusterUserKubeconfig';

export const OPERATION_HANDLERS: Readonly<Record<OperationId, HandlerFactory>> = {
  listClusters,
  showCluster,
  createClusterKubeconfig,
  showClusterUserKubeconfig,
};

export const OPERATION_IDS = Object.keys(OPERATION_HANDLERS) as OperationId[];
