/**
 * The `scp-ske` command: dispatch to the command groups; every failure is reported by report-error.ts
 * (in the `scp-ske` process, also one thrown where no command catches it: last-resort.ts). Everything
 * a command writes goes through terminal-text.ts (control characters visible, secrets redacted).
 * A command's module is loaded when it runs, and report-error.ts when something fails, so that a
 * process loads what its command needs and no more (`--help` none of them, `get` none of the merge).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Io } from './commands/kubeconfig.js';
import { type HelpTopic, helpText } from './help.js';
import { installLastResort } from './last-resort.js';
import { guardIo } from './terminal-text.js';

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  homeDir: homedir(),
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
const versions = lazy(
  () => import('./commands/versions.js'),
  (module) => module.versionsCommand,
);
const api = lazy(
  () => import('./commands/api.js'),
  (module) => module.apiCommand,
);

/** The command groups and their subcommands, each with its help topic. */
const GROUPS: Record<string, Record<string, { run: Command; help: HelpTopic }>> = {
  kubeconfig: {
    get: { run: lazy(kubeconfig, (module) => module.getCommand), help: 'get' },
    merge: { run: lazy(merge, (module) => module.mergeCommand), help: 'merge' },
    credential: { run: lazy(credential, (module) => module.credentialCommand), help: 'credential' },
  },
  clusters: {
    list: { run: lazy(clusters, (module) => module.listCommand), help: 'list' },
    show: { run: lazy(clusters, (module) => module.showCommand), help: 'show' },
  },
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

/** The help of `scp-ske help [group [subcommand]]`. */
async function helpTopic(words: string[]): Promise<HelpTopic> {
  const [group, subcommand] = words;
  if (group === undefined) return 'main';
  if (group === 'versions' || group === 'api') return group;
  const commands = groupOf(group);
  if (!commands) return usageError(`help: no command "${group}"`);
  if (subcommand === undefined) return group as HelpTopic;
  const command = Object.hasOwn(commands, subcommand) ? commands[subcommand] : undefined;
  if (!command) return usageError(`help: no command "${group} ${subcommand}"`);
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
    io.stdout(helpText(await helpTopic(argv.slice(1))));
    return 0;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(argv.includes('--json') ? `${JSON.stringify({ version: packageVersion() })}\n` : `${packageVersion()}\n`);
    return 0;
  }
  if (command === 'versions') return versions(argv.slice(1), io);
  if (command === 'api') return api(argv.slice(1), io);
  const commands = groupOf(command);
  if (!commands) {
    return usageError(`unknown command "${command}"; expected ${quoted([...Object.keys(GROUPS), 'versions', 'api'])}`);
  }
  if (subcommand === undefined || HELP_FLAGS.has(subcommand)) {
    io.stdout(helpText(command as HelpTopic));
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
  if (command === 'versions' || command === 'api') return `scp-ske ${command}`;
  const commands = groupOf(command);
  if (!commands) return 'scp-ske';
  return subcommand !== undefined && Object.hasOwn(commands, subcommand)
    ? `scp-ske ${command} ${subcommand}`
    : `scp-ske ${command}`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const guarded = guardIo(io);
  const json = argv.includes('--json');
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
