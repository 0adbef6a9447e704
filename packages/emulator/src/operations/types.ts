/**
 * What an operation's handler is: a function from the request's validated, decoded parameters, the
 * caller and the clusters to a 200 answer (checked against the spec before it is sent) or an error
 * answer. Each emulator makes its own handlers (`HandlerFactory`), so caches are per emulator.
 */
import type { CompleteCluster } from '../complete-cluster.js';
import type { ErrorAnswer } from '../envelope.js';
import type { EmulatorCredentials } from '../fixtures.js';
import type { Parameters } from '../parameters.js';
import type { SuccessAnswer } from '../responses.js';

export interface OperationRequest extends Parameters {
  /** The authenticated key. */
  caller: EmulatorCredentials;
  clusters: readonly CompleteCluster[];
}

export type OperationHandler = (request: OperationRequest) => SuccessAnswer | ErrorAnswer;

export type HandlerFactory = () => OperationHandler;
