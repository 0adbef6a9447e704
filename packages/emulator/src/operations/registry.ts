/**
 * Which handler answers an operation. Two have their own (the kubeconfigs); the others are answered
 * by what the spec says about them, one generic handler each kind:
 * - `x-scp-state-change` (every create, update, delete): state-change.ts;
 * - `x-scp-pagination` (the lists): list-items.ts;
 * - `x-scp-resource` (the shows): show-resource.ts.
 * An operation with none of these (`listKubernetesVersions`, or one added to the spec later) is
 * answered from its success response's example, or 501 `NotImplemented` without one.
 */
import type { Route } from '../routes.js';
import { createClusterKubeconfig } from './create-cluster-kubeconfig.js';
import { listItems } from './list-items.js';
import { showClusterUserKubeconfig } from './show-cluster-user-kubeconfig.js';
import { showResource } from './show-resource.js';
import { changeState } from './state-change.js';
import type { HandlerFactory, OperationContext, OperationHandler } from './types.js';

/**
 * Every operation of the spec, in every version (a test keeps this list and the spec's operationIds
 * the same): the names fault rules take.
 */
export const OPERATION_IDS = [
  'listClusters',
  'createCluster',
  'showCluster',
  'deleteCluster',
  'createClusterKubeconfig',
  'showClusterUserKubeconfig',
  'setClusterLogging',
  'setClusterPrivateAccessControl',
  'setClusterPublicAccessControl',
  'setClusterSecurityGroups',
  'setClusterServiceWatchLogging',
  'setClusterUpgrade',
  'listNodepools',
  'listKubernetesVersions',
  'createNodepool',
  'showNodepool',
  'setNodepool',
  'deleteNodepool',
  'setNodepoolLabels',
  'listNodepoolNodes',
  'setNodepoolTaints',
  'setNodepoolUpgrade',
] as const;

/** An operation of the spec, by its operationId. */
export type OperationId = (typeof OPERATION_IDS)[number];

/** The operations with a handler of their own, by operationId. */
export const OPERATION_HANDLERS: Readonly<Partial<Record<OperationId, HandlerFactory>>> = {
  createClusterKubeconfig,
  showClusterUserKubeconfig,
};

/**
 * The handler of each route, made once per emulator and operation (a handler keeps its caches across
 * versions); undefined for an operation answered from its example.
 */
export function createHandlers(context: OperationContext): (route: Route) => OperationHandler | undefined {
  const own = new Map<string, OperationHandler>();
  const generic = {
    change: changeState(context),
    list: listItems(context),
    show: showResource(context),
  };
  return (route) => {
    const factory = OPERATION_HANDLERS[route.operationId as OperationId];
    if (factory) {
      let handler = own.get(route.operationId);
      if (!handler) {
        handler = factory(context);
        own.set(route.operationId, handler);
      }
      return handler;
    }
    if (route.stateChange) return generic.change;
    if (route.pagination) return generic.list;
    if (route.resource) return generic.show;
    return undefined;
  };
}
