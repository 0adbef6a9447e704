import { strykerConfig } from '../../stryker.shared.mjs';

/**
 * The modules users' kubeconfigs depend on: the merge, its summary, the lock (and how it judges a
 * process gone), the atomic write and the removal of the temporary files a killed write leaves.
 */
export default strykerConfig({
  packageDir: import.meta.dirname,
  mutate: [
    'src/kubeconfig-merge.ts',
    'src/merge-files.ts',
    'src/merge-summary.ts',
    'src/file-lock.ts',
    'src/process-alive.ts',
    'src/atomic-file.ts',
    'src/leftover-files.ts',
    'src/safe-replace.ts',
    'src/backup-rotation.ts',
  ],
  vitestConfig: 'vitest.stryker.config.ts',
});
