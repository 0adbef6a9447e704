/**
 * Whether a process of this host still runs, as the lock (file-lock.ts) and the removal of temporary
 * files left behind (leftover-files.ts) judge the process that wrote them: signal 0 reaches it, or it
 * exists but belongs to another user (EPERM). A pid that runs no process is gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
