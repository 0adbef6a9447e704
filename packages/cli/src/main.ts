/** The `scp-ske` command: dispatch to the command groups; every failure is reported by report-error.ts. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { listCommand, showCommand } from './commands/clusters.js';
import { getCommand, type Io, mergeCommand } from './commands/kubeconfig.js';
import { versionsCommand } from './commands/versions.js';
import { describeError, printError } from './report-error.js';
import { type HelpTopic, helpText, UsageError } from './usage.js';

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  homeDir: homedir(),
};

type Command = (argv: string[], io: Io) => Promise<number>;

/** The command groups and their subcommands, each with its help topic. */
const GROUPS: Record<string, Record<string, { run: Command; help: HelpTopic }>> = {
  kubeconfig: { get: { run: getCommand, help: 'get' }, merge: { run: mergeCommand, help: 'merge' } },
  clusters: { list: { run: listCommand, help: 'list' }, show: { run: showCommand, help: 'show' } },
};

const HELP_FLAGS = new Set(['--help', '-h']);

/** This package's version (package.json sits one folder above both src/ and dist/). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
function quoted(names: string[]): string {
  const all = names.map((name) => `"${name}"`);
  const last = all.pop();
  return all.length === 0 ? (last ?? '') : `${all.join(', ')} or ${last}`;
}

const groupOf = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;

/** The help of `scp-ske help [group [subcommand]]`. */
function helpTopic(words: string[]): HelpTopic {
  const [group, subcommand] = words;
  if (group === undefined) return 'main';
  if (group === 'versions') return 'versions';
  const commands = groupOf(group);
  if (!commands) throw new UsageError(`help: no command "${group}"`);
  if (subcommand === undefined) return group as HelpTopic;
  const command = Object.hasOwn(commands, subcommand) ? commands[subcommand] : undefined;
  if (!command) throw new UsageError(`help: no command "${group} ${subcommand}"`);
  return command.help;
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  if (command === undefined) {
    io.stdout(helpText('main'));
    return 2;
  }
  if (HELP_FLAGS.has(command)) {
    io.stdout(helpText('main'));
    return 0;
  }
  if (command === 'help') {
    io.stdout(helpText(helpTopic(argv.slice(1))));
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(argv.includes('--json') ? `${JSON.stringify({ version: packageVersion() })}\n` : `${packageVersion()}\n`);
    return 0;
  }
  if (command === 'versions') return versionsCommand(argv.slice(1), io);
  const commands = groupOf(command);
  if (!commands) {
    throw new UsageError(`unknown command "${command}"; expected ${quoted([...Object.keys(GROUPS), 'versions'])}`);
  }
  if (subcommand === undefined || HELP_FLAGS.has(subcommand)) {
    io.stdout(helpText(command as HelpTopic));
    return subcommand === undefined ? 2 : 0;
  }
  const found = Object.hasOwn(commands, subcommand) ? commands[subcommand] : undefined;
  if (!found) {
    throw new UsageError(
      `${command}: expected the subcommand ${quoted(Object.keys(commands))}, received "${subcommand}"`,
    );
  }
  return found.run(rest, io);
}

/** `scp-ske <command> [<subcommand>]`, as far as argv names a known one: where a usage error points. */
function helpCommand(argv: string[]): string {
  const [command, subcommand] = argv;
  if (command === 'versions') return 'scp-ske versions';
  const commands = groupOf(command);
  if (!commands) return 'scp-ske';
  return subcommand !== undefined && Object.hasOwn(commands, subcommand)
    ? `scp-ske ${command} ${subcommand}`
    : `scp-ske ${command}`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) {
    // Lifecycle warnings are worth one clear line, not Node's warning banner.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => io.stderr(`scp-ske: warning: ${warning.message}\n`));
  }
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return printError(describeError(error, helpCommand(argv)), argv.includes('--json'), io.stderr);
  }
}
