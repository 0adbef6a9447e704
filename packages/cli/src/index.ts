/**
 * @scp-ske/cli: the `scp-ske` command as a function, `main(argv, io?)`, resolving to its exit code.
 */
export { defaultKubeconfigPath, type Io } from './commands/kubeconfig.js';
export { KubeconfigFileError, mergeKubeconfig, readIncoming } from './kubeconfig-merge.js';
export { main } from './main.js';
