/**
 * Test support: runs `main(argv, io)` in this process with a scratch home and the given environment,
 * collecting what it prints. Quicker than spawning the binary, for tests about what a command says.
 */
import { main } from '../main.js';
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
