/**
 * @scp-ske/emulator: a local SKE API for tests and demos that answers every operation of the spec
 * over a store of clusters, nodepools and nodes whose changes run on its clock, enforcing the spec
 * (parameters, bodies, each version's fields), SCP's request signature, IAM actions and the version
 * lifecycle, with fault injection for client tests.
 */
export { CA_CERTIFICATE_PEM } from './ca-certificate.js';
export { CLUSTER_DEFAULTS, type CompleteCluster } from './complete-cluster.js';
export { type Emulator, type EmulatorOptions, type RecordedRequest, startEmulator } from './emulator.js';
export type { FaultPlan, Faults, RouteFaults, RouteName } from './faults.js';
export {
  type AccessControlResource,
  type ClusterFixture,
  DEFAULT_CLUSTERS,
  DEMO_CREDENTIALS,
  type EmulatorCredentials,
  type ExternalResource,
  FixtureError,
  type Fixtures,
  type NodepoolFixture,
  type NodepoolLabel,
  type NodepoolTaint,
  parseFixtures,
  READ_ONLY_ACTIONS,
} from './fixtures.js';
export { adminToken, buildAdminKubeconfig, buildKubeconfig, userToken } from './kubeconfig.js';
export { OPERATION_IDS, type OperationId } from './operations/registry.js';
export { BODY_LIMIT_BYTES } from './request-body.js';
export { StateFileError } from './state/persist.js';
