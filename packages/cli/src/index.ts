/**
 * @scp-ske/cli: the `scp-ske` command as a function, `main(argv, io?)`, resolving to its exit code;
 * and the kubeconfig merge it uses, for programs: `mergeIntoKubeconfig` (files, locks, backups) and
 * `planKubeconfigMerge` (the plan alone, no file touched).
 */
export type { Io } from './commands/kubeconfig.js';
export { defaultKubeconfigPath } from './commands/kubeconfig-merge.js';
export { type IncomingEntries, readIncoming, renameIncoming } from './incoming-kubeconfig.js';
export { type Conflict, KubeconfigConflictError, KubeconfigFileError } from './kubeconfig-errors.js';
export { kubeconfigPaths } from './kubeconfig-files.js';
export { type Change, type MergeOptions, type MergePlan, planKubeconfigMerge } from './kubeconfig-merge.js';
export { type EntryNames, entryNames } from './kubeconfig-names.js';
export { main } from './main.js';
export { type MergeReport, mergeIntoKubeconfig } from './merge-files.js';
