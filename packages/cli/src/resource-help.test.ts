/**
 * The help of every command of the command table: `--help` prints its usage, its body's flags (derived
 * from the spec of the chosen version), `--wait` exactly where the operation runs on after it answers,
 * and its examples; a group's help lists every command of the table.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, SINGLE_COMMANDS } from './command-table.js';
import { findOperation, isAsynchronous } from './spec-document.js';
import { runMain } from './testing/run-main.js';

const run = (args: string[]) => runMain(args, { PATH: process.env.PATH ?? '' });
const commands = [
  ...Object.entries(COMMAND_TABLE).flatMap(([group, rows]) =>
    Object.entries(rows).map(([name, row]) => ({ words: [group, name], row })),
  ),
  ...Object.entries(SINGLE_COMMANDS).map(([name, row]) => ({ words: [name], row })),
];

describe.each(commands)('scp-ske $words.0 $words.1 --help', ({ words, row }) => {
  it('prints its usage, --wait where the operation is asynchronous, and its examples', async () => {
    const help = await run([...words, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: scp-ske ${words.join(' ')}`);
    for (const example of row.examples) expect(help.stdout).toContain(`scp-ske ${words.join(' ')} ${example}`.trim());
    const operation = findOperation('1.3', row.operation);
    expect(operation).toBeDefined();
    expect(help.stdout.includes('--wait ')).toBe(operation !== undefined && isAsynchronous(operation));
    if (row.confirm) expect(help.stdout).toContain('--yes');
    if (!row.custom) expect((await run(['help', ...words])).stdout).toBe(help.stdout);
  });
});

describe('the help of a group', () => {
  it.each(Object.keys(COMMAND_TABLE))('scp-ske %s --help lists every command of the table', async (group) => {
    const help = await run([group, '--help']);
    expect(help.code).toBe(0);
    for (const [name, row] of Object.entries(COMMAND_TABLE[group] ?? {})) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} +${row.summary.replace(/[()|.?*+]/g, '\\$&')}$`, 'm'));
    }
  });

  it('the body flags follow the chosen version: ServiceWatch logging is a create flag from ske 1.1 on', async () => {
    expect((await run(['clusters', 'create', '--help'])).stdout).toContain('--service-watch-logging-enabled');
    const old = await run(['clusters', 'create', '--help', '--api-version', 'ske 1.0']);
    expect(old.stdout).not.toContain('--service-watch-logging-enabled');
    expect(old.stdout).toContain('--cloud-logging-enabled, --no-cloud-logging-enabled');
  });
});
