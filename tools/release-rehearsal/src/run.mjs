/**
 * Runs one command of the rehearsal: prints it (`$ pnpm release:version  (in clone)`), keeps its whole
 * output in the commands log, and resolves to its exit code and output. A non-zero exit rejects, with the
 * end of the output, unless `allowFailure` is set.
 */
import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, log: { command: (line: string) => void, output: (text: string) => void }, where?: string, allowFailure?: boolean }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string, output: string, ms: number }>}
 */
export function run(command, args, { cwd, env, log, where, allowFailure = false }) {
  const line = [command, ...args].map((arg) => (/^[\w@%+=:,./^-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
  log.command(`$ ${line}${where ? `  (in ${where})` : ''}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      log.output(`$ ${line}\n${output}\n[exit ${code ?? signal}]\n\n`);
      const result = { code: code ?? 1, stdout, stderr, output, ms: Date.now() - started };
      if (code === 0 || allowFailure) resolve(result);
      else reject(new Error(`${line} exited with ${code ?? signal}:\n${output.slice(-4_000)}`));
    });
  });
}
