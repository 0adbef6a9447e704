/**
 * `scp-ske completion bash|zsh|fish`: each script completes every group, every command of the command
 * table (it is derived from it: a row added is a command completed) and the commands of no group.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, SINGLE_COMMANDS } from '../command-table.js';
import { runMain } from '../testing/run-main.js';
import { SHELLS } from './completion.js';

const run = (args: string[]) => runMain(args, { PATH: process.env.PATH ?? '' });

describe.each(SHELLS)('scp-ske completion %s', (shell) => {
  it('mentions every group, every command of the table and the commands of no group', async () => {
    const result = await run(['completion', shell]);
    expect(result.code).toBe(0);
    for (const [group, commands] of Object.entries(COMMAND_TABLE)) {
      expect(result.stdout).toContain(group);
      for (const name of Object.keys(commands))
        expect(result.stdout).toMatch(new RegExp(`(^|[ '(])${name}[ ':)]`, 'm'));
    }
    for (const name of [...Object.keys(SINGLE_COMMANDS), 'kubeconfig', 'merge', 'versions', 'completion']) {
      expect(result.stdout).toContain(name);
    }
    expect(result.stdout).toMatch(/--wait|-l wait/);
    expect(result.stdout).toContain('table json yaml');
  });
});

describe('scp-ske completion', () => {
  it('refuses another shell', async () => {
    const result = await run(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('completion: expected one of bash, zsh, fish, received "powershell"');
  });

  it('the bash script is valid bash', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = (await run(['completion', 'bash'])).stdout;
    expect(() => execFileSync('bash', ['-n'], { input: script })).not.toThrow();
  });
});
