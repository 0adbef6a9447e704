/**
 * The tests Stryker runs for the CLI (stryker.config.mjs): the in-process ones of the mutated
 * modules (merge, lock, atomic write, leftover temporary files). The end-to-end tests spawn the built binary, which a mutant
 * never reaches, and the merge's tests through `main` check every file with kubectl (a process per
 * check, too slow to run per mutant); `pnpm test` runs them all.
 */
import shared from '../../vitest.shared.js';

export default {
  test: {
    ...shared.test,
    include: [
      'src/merge-modules.test.ts',
      'src/file-lock.test.ts',
      'src/fs-failures.test.ts',
      'src/backup-rotation.test.ts',
      'src/write-target.test.ts',
      'src/leftover-files.test.ts',
    ],
  },
};
