/**
 * The `scp-ske` command: dispatch to the command groups; every failure is reported by report-error.ts
 * (in the `scp-ske` process, also one thrown where no command catches it: last-resort.ts). Everything
 * a command writes goes through terminal-text.ts (control characters visible, secrets redacted).
 * A command's module is loaded when it runs, and report-error.ts when something fails, so that a
 * process loads what its command needs and no more (`--help` none of them, `get` none of the merge).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { COMMAND_TABLE, SINGLE_COMMANDS } from './command-table.js';
import type { Io } from './commands/kubeconfig.js';
import type { HelpTopic } from './help.js';
import { wantsJson } from './json-flag.js';
import { installLastResort } from './last-resort.js';
import { guardIo } from './terminal-text.js';

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  homeDir: homedir(),
  // Read when a command asks (a prompt, a live progress line): a command that never asks touches
  // neither stream, and node:tty loads only when a stream is a terminal.
  get isTTY() {
    return process.stdin.isTTY === true && process.stderr.isTTY === true;
  },
  prompt: async (question) => {
    const { createInterface } = await import('node:readline/promises');
    const lines = createInterface({ input: process.stdin, output: process.stderr });
    // Ctrl-C or Ctrl-D at the question is no answer: the command goes on to cancel.
    lines.on('SIGINT', () => lines.close());
    try {
      let answered = false;
      return await new Promise<string>((resolve) => {
        lines.once('close', () => {
          if (!answered) process.stderr.write('\n');
          resolve('');
        });
        lines.question(question).then(
          (answer) => {
            answered = true;
            resolve(answer);
          },
          () => resolve(''),
        );
      });
    } finally {
      lines.close();
    }
  },
};

type Command = (argv: string[], io: Io) => Promise<number>;

/** A command whose module `load` imports on its first run. */
const lazy =
  <M>(load: () => Promise<M>, pick: (module: M) => Command): Command =>
  async (argv, io) =>
    pick(await load())(argv, io);

const clusters = () => import('./commands/clusters.js');
const kubeconfig = () => import('./commands/kubeconfig.js');
const merge = () => import('./commands/kubeconfig-merge.js');
// kubectl runs this one for its calls: from the cache, it loads this small module alone.
const credential = () => import('./commands/kubeconfig-credential.js');
const resource = () => import('./commands/resource.js');
/** A command of the command table, run by the one resource runner. */
const tableCommand = (group: string | undefined, name: string) =>
  lazy(resource, (module) => module.resourceCommand(group, name));

interface Entry {
  run: Command;
  /** The help of a hand-written command; any other prints its own with `--help`. */
  help?: HelpTopic;
}

/** The commands of the table written by hand. */
const HAND_WRITTEN: Record<string, Record<string, Entry>> = {
  clusters: {
    list: { run: lazy(clusters, (module) => module.listCommand), help: 'list' },
    show: { run: lazy(clusters, (module) => module.showCommand), help: 'show' },
  },
};

/** The command groups and their subcommands: `kubeconfig`, and the command table's groups. */
const GROUPS: Record<string, Record<string, Entry>> = {
  kubeconfig: {
    get: { run: lazy(kubeconfig, (module) => module.getCommand), help: 'get' },
    merge: { run: lazy(merge, (module) => module.mergeCommand), help: 'merge' },
    credential: { run: lazy(credential, (module) => module.credentialCommand), help: 'credential' },
  },
  ...Object.fromEntries(
    Object.entries(COMMAND_TABLE).map(([group, commands]) => [
      group,
      Object.fromEntries(
        Object.keys(commands).map((name) => [name, HAND_WRITTEN[group]?.[name] ?? { run: tableCommand(group, name) }]),
      ),
    ]),
  ),
};

/** The commands of no group. */
const SINGLE: Record<string, Command> = {
  versions: lazy(
    () => import('./commands/versions.js'),
    (module) => module.versionsCommand,
  ),
  completion: lazy(
    () => import('./commands/completion.js'),
    (module) => module.completionCommand,
  ),
  api: lazy(
    () => import('./commands/api.js'),
    (module) => module.apiCommand,
  ),
  ...Object.fromEntries(Object.keys(SINGLE_COMMANDS).map((name) => [name, tableCommand(undefined, name)])),
};

const HELP_FLAGS = new Set(['--help', '-h']);

/** Fails with a UsageError: usage.ts, and the error model of @scp-ske/client it builds on, load only then. */
async function usageError(message: string): Promise<never> {
  const { UsageError } = await import('./usage.js');
  throw new UsageError(message);
}

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

const singleOf = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(SINGLE, name) ? SINGLE[name] : undefined;

/** Prints a help text: help.ts (the texts of every command) loads only when one is printed. */
async function printHelp(io: Io, topic: HelpTopic): Promise<void> {
  const { helpText } = await import('./help.js');
  io.stdout(helpText(topic));
}

/** The help of a group: the kubeconfig one is written by hand, a table group's is derived. */
async function printGroupHelp(group: string, io: Io): Promise<void> {
  const { groupHelp, helpText } = await import('./help.js');
  io.stdout(Object.hasOwn(COMMAND_TABLE, group) ? groupHelp(group) : helpText(group as HelpTopic));
}

/** `scp-ske help [group [subcommand]]`: the help of the command, as its `--help` prints it. */
async function help(words: string[], io: Io): Promise<number> {
  const [group, subcommand] = words;
  if (group === undefined) {
    await printHelp(io, 'main');
    return 0;
  }
  const single = singleOf(group);
  if (single) return single(['--help'], io);
  const commands = groupOf(group);
  if (!commands) return usageError(`help: no command "${group}"`);
  if (subcommand === undefined) {
    await printGroupHelp(group, io);
    return 0;
  }
  const command = Object.hasOwn(commands, subcommand) ? commands[subcommand] : undefined;
  if (!command) return usageError(`help: no command "${group} ${subcommand}"`);
  if (command.help) {
    await printHelp(io, command.help);
    return 0;
  }
  return command.run(['--help'], io);
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  if (command === undefined) {
    await printHelp(io, 'main');
    return 2;
  }
  if (HELP_FLAGS.has(command)) {
    await printHelp(io, 'main');
    return 0;
  }
  if (command === 'help') return help(argv.slice(1), io);
  if (command === '--version' || command === '-V') {
    io.stdout(argv.includes('--json') ? `${JSON.stringify({ version: packageVersion() })}\n` : `${packageVersion()}\n`);
    return 0;
  }
  const single = singleOf(command);
  if (single) return single(argv.slice(1), io);
  const commands = groupOf(command);
  if (!commands) {
    return usageError(
      `unknown command "${command}"; expected ${quoted([...Object.keys(GROUPS), ...Object.keys(SINGLE)])}`,
    );
  }
  if (subcommand === undefined || HELP_FLAGS.has(subcommand)) {
    await printGroupHelp(command, io);
    return subcommand === undefined ? 2 : 0;
  }
  const found = Object.hasOwn(commands, subcommand) ? commands[subcommand] : undefined;
  if (!found) {
    return usageError(`${command}: expected the subcommand ${quoted(Object.keys(commands))}, received "${subcommand}"`);
  }
  return found.run(rest, io);
}

/** `scp-ske <command> [<subcommand>]`, as far as argv names a known one: where a usage error points. */
function helpCommand(argv: string[]): string {
  const [command, subcommand] = argv;
  if (singleOf(command)) return `scp-ske ${command}`;
  const commands = groupOf(command);
  if (!commands) return 'scp-ske';
  return subcommand !== undefined && Object.hasOwn(commands, subcommand)
    ? `scp-ske ${command} ${subcommand}`
    : `scp-ske ${command}`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const guarded = guardIo(io);
  const json = wantsJson(argv);
  const debug = argv.includes('--debug');
  if (io === processIo) {
    // Lifecycle warnings are worth one clear line, not Node's warning banner.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => guarded.stderr(`scp-ske: warning: ${warning.message}\n`));
    installLastResort({ json, debug, stderr: guarded.stderr });
  }
  try {
    return await dispatch(argv, guarded);
  } catch (error) {
    const { describeError, printError } = await import('./report-error.js');
    return printError(describeError(error, helpCommand(argv)), json, guarded.stderr, debug);
  }
}
