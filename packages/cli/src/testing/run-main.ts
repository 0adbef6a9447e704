/**
 * Test support: runs `main(argv, io)` in this process with a scratch home and the given environment,
 * collecting what it prints. Quicker than spawning the binary, for tests about what a command says.
 */
import { main } from '../main.js';
import { key } from './demo.js';
import type { Run } from './run-cli.js';
import { scratchHome } from './run-cli.js';

export async function runMain(
  argv: string[],
  env: Record<string, string>,
  homeDir: string = env.HOME ?? scratchHome(),
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env,
    homeDir,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/**
 * A scratch home with the demo key in its environment, and `merge(args, extra?, emulator?)`: `scp-ske
 * kubeconfig merge ARGS --endpoint URL` run in this process there, against `emulator` (default:
 * what `defaultEmulator` returns when the merge runs).
 */
export function mergeScratch(defaultEmulator: () => { url: string }) {
  const home = scratchHome();
  const env = { HOME: home, SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey };
  const merge = (args: string[], extra: Record<string, string> = {}, emulator = defaultEmulator()) =>
    runMain(['kubeconfig', 'merge', ...args, '--endpoint', emulator.url], { ...env, ...extra }, home);
  return { home, merge };
}
