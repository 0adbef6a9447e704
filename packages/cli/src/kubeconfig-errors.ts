/**
 * The ways writing a kubeconfig stops before anything is written: the file cannot be used (exit 1),
 * the merge would replace entries of another cluster (exit 2: pass other names or `--overwrite`), or
 * the kubeconfig SKE returned is one scp-ske will not write (exit 1: server-rule.ts, kubeconfig-check.ts).
 * Also turns a Node file-system error into a message that names the file.
 */
import { SkeError } from '@scp-ske/client';

/** A kubeconfig file cannot be read, merged or written; `path` names it. */
export class KubeconfigFileError extends SkeError {
  override readonly name = 'KubeconfigFileError';
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super('ERR_SKE_KUBECONFIG_FILE', message);
  }
}

/** Which check refused a kubeconfig from SKE. */
export type UnsafeRule = 'https' | 'host' | 'environment' | 'characters' | 'secret';

/**
 * The kubeconfig SKE returned is not written: its server is not https, or not on a host the server
 * rule allows, or it holds control characters or the SCP secret key. `rule` names the check.
 */
export class UnsafeKubeconfigError extends SkeError {
  override readonly name = 'UnsafeKubeconfigError';
  constructor(
    readonly rule: UnsafeRule,
    reason: string,
    /** The refused server, for the server rules. */
    readonly server?: string,
  ) {
    super('ERR_SKE_UNSAFE_KUBECONFIG', `refused the kubeconfig SKE returned: ${reason}; nothing was written`);
  }
}

/** One entry the merge would replace although it belongs to something else. */
export interface Conflict {
  section: 'clusters' | 'users' | 'contexts';
  name: string;
  file: string;
  /** What the entry is now, e.g. `points at https://other:6443, not https://new:6443`. */
  reason: string;
}

const SINGULAR = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;

/** The merge would replace entries that point elsewhere (another server, cluster or user); nothing was written. */
export class KubeconfigConflictError extends SkeError {
  override readonly name = 'KubeconfigConflictError';
  constructor(readonly conflicts: Conflict[]) {
    const lines = conflicts.map(
      (conflict) => `  ${SINGULAR[conflict.section]} "${conflict.name}" in ${conflict.file} ${conflict.reason}`,
    );
    super(
      'ERR_SKE_KUBECONFIG_CONFLICT',
      `the merge would replace ${conflicts.length === 1 ? 'an entry that points' : `${conflicts.length} entries that point`} ` +
        `elsewhere; nothing was written:\n${lines.join('\n')}\n` +
        'Pass --context, --cluster-alias or --user-alias to choose other names, or --overwrite to replace ' +
        '(the previous file is kept as a backup).',
    );
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EBUSY: 'the file is busy',
};

/** `error`, a Node file-system error of `action` (e.g. `cannot read /x`), as a KubeconfigFileError. */
export function fileError(error: unknown, action: string, path: string, after = ''): Error {
  if (error instanceof SkeError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error as Error;
  return new KubeconfigFileError(`${action}: ${REASONS[code] ?? 'failed'} (${code})${after}`, path);
}
