/**
 * What an operation's handler is: a function from the request (its validated, decoded parameters
 * and body, the caller, the route in the selected version, the emulator's clock) to a success answer
 * (projected onto the version's schema and checked against the spec before it is sent) or an error
 * answer. Each emulator makes its own handlers (`HandlerFactory`) over its own store.
 */
import type { ErrorAnswer } from '../envelope.js';
import type { EmulatorCredentials } from '../fixtures.js';
import type { Parameters } from '../parameters.js';
import type { SuccessAnswer } from '../responses.js';
import type { Route } from '../routes.js';
import type { ResourceModel } from '../state/model.js';
import type { Store } from '../state/store.js';

export interface OperationRequest extends Parameters {
  /** The request body, parsed and valid (undefined when the operation takes none). */
  body: unknown;
  /** The authenticated key. */
  caller: EmulatorCredentials;
  /** The operation in the selected version. */
  route: Route;
  /** `ske 1.3`. */
  apiVersion: string;
  /** The emulator's clock when the request was judged (epoch ms). */
  nowMs: number;
  /** The request's id (`req-…`). */
  requestId: string;
}

export type OperationHandler = (request: OperationRequest) => SuccessAnswer | ErrorAnswer;

/** What handlers share: the store, what the spec says about its resources, and the emulator's settings. */
export interface OperationContext {
  store: Store;
  models: ReadonlyMap<string, ResourceModel>;
  credentials: readonly EmulatorCredentials[];
  /** How long a change runs (`during`) before it is done, in ms of the emulator's clock. */
  transitionMs: number;
  /** Called after every change of the store: writes the state file, schedules what is pending. */
  changed(): void;
  /** The Kubernetes API, when served: the kubeconfigs point at its URL and trust its CA. */
  kubeApi?: { url: string; caPem: string } | undefined;
}

export type HandlerFactory = (context: OperationContext) => OperationHandler;
