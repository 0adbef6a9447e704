/**
 * @scp-ske/emulator: a local SKE API for tests and demos that enforces the spec, SCP's request
 * signature and the version lifecycle, with fault injection for client tests.
 */
export { CA_CERTIFICATE_PEM } from './ca-certificate.js';
export { type Emulator, type EmulatorOptions, type RecordedRequest, startEmulator } from './emulator.js';
export type { FaultPlan, Faults, RouteFaults, RouteName } from './faults.js';
export {
  type ClusterFixture,
  DEFAULT_CLUSTERS,
  DEMO_CREDENTIALS,
  type EmulatorCredentials,
  FixtureError,
  type Fixtures,
  parseFixtures,
} from './fixtures.js';
export { buildKubeconfig, userToken } from './kubeconfig.js';
