/**
 * `scp-ske completion bash|zsh|fish`: a completion script for the shell, generated from the command
 * table (the groups, their commands, each command's summary) and the flags every command shares: a
 * command added to the table is completed without a change here.
 */
import { COMMAND_TABLE, SINGLE_COMMANDS } from '../command-table.js';
import { HELP_TOPIC_COMMANDS } from '../help.js';
import { UsageError } from '../usage.js';
import type { Io } from './kubeconfig.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** Every group with its commands and their one-line summaries (the hand-written kubeconfig group too). */
export function commandTree(): Record<string, Record<string, string>> {
  const tree: Record<string, Record<string, string>> = { kubeconfig: { ...HELP_TOPIC_COMMANDS.kubeconfig } };
  for (const [group, commands] of Object.entries(COMMAND_TABLE)) {
    tree[group] = Object.fromEntries(Object.entries(commands).map(([name, row]) => [name, row.summary]));
  }
  return tree;
}

/** The commands of no group, with their summaries. */
export function singleCommands(): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(SINGLE_COMMANDS).map(([name, row]) => [name, row.summary])),
    versions: 'the SKE API versions and whether they are served today',
    completion: 'a completion script for bash, zsh or fish',
    api: 'send any request of the spec, signed, and print the answer',
    help: 'the help of a command',
  };
}

const COMMON_FLAGS = [
  '--api-version',
  '--region',
  '--environment',
  '--endpoint',
  '--output',
  '--json',
  '--debug',
  '--help',
  '--cluster',
  '--from-file',
  '--wait',
  '--timeout',
  '--yes',
];

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

function bash(tree: Record<string, Record<string, string>>, singles: Record<string, string>): string {
  const groupCases = Object.entries(tree)
    .map(([group, commands]) => `    ${group}) words=${quote(Object.keys(commands).join(' '))} ;;`)
    .join('\n');
  return `# scp-ske completion for bash: source <(scp-ske completion bash)
_scp_ske() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W ${quote(COMMON_FLAGS.join(' '))} -- "$cur")); return
  fi
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W ${quote([...Object.keys(tree), ...Object.keys(singles)].join(' '))} -- "$cur")); return
  fi
  if (( COMP_CWORD == 2 )); then
    case \${COMP_WORDS[1]} in
${groupCases}
    completion) words='${SHELLS.join(' ')}' ;;
    --output|-o) words='table json yaml' ;;
    *) words='' ;;
    esac
    COMPREPLY=($(compgen -W "$words" -- "$cur")); return
  fi
  case \${COMP_WORDS[COMP_CWORD-1]} in
    --output|-o) COMPREPLY=($(compgen -W 'table json yaml' -- "$cur")) ;;
    --from-file) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
}
complete -F _scp_ske scp-ske
`;
}

function zsh(tree: Record<string, Record<string, string>>, singles: Record<string, string>): string {
  const describe = (entries: Record<string, string>) =>
    Object.entries(entries)
      .map(([name, summary]) => quote(`${name}:${summary.replaceAll(':', '\\:')}`))
      .join(' ');
  const groupCases = Object.entries(tree)
    .map(([group, commands]) => `      ${group}) subcommands=(${describe(commands)}) ;;`)
    .join('\n');
  return `#compdef scp-ske
# scp-ske completion for zsh: source <(scp-ske completion zsh)
_scp_ske() {
  local -a commands subcommands
  commands=(${describe(Object.fromEntries([...Object.keys(tree).map((group) => [group, `${group} commands`]), ...Object.entries(singles)]))})
  if [[ $words[CURRENT] == -* ]]; then
    compadd -- ${COMMON_FLAGS.join(' ')}; return
  fi
  case $words[CURRENT-1] in
    --output|-o) compadd table json yaml; return ;;
    --from-file) _files; return ;;
  esac
  if (( CURRENT == 2 )); then
    _describe 'command' commands; return
  fi
  if (( CURRENT == 3 )); then
    case $words[2] in
${groupCases}
      completion) subcommands=(${SHELLS.join(' ')}) ;;
    esac
    _describe 'subcommand' subcommands
  fi
}
compdef _scp_ske scp-ske
`;
}

function fish(tree: Record<string, Record<string, string>>, singles: Record<string, string>): string {
  const lines = ['# scp-ske completion for fish: scp-ske completion fish | source', 'complete -c scp-ske -f'];
  const top = [...Object.keys(tree), ...Object.keys(singles)];
  const first = `not __fish_seen_subcommand_from ${top.join(' ')}`;
  for (const group of Object.keys(tree)) {
    lines.push(`complete -c scp-ske -n ${quote(first)} -a ${group} -d ${quote(`${group} commands`)}`);
  }
  for (const [name, summary] of Object.entries(singles)) {
    lines.push(`complete -c scp-ske -n ${quote(first)} -a ${name} -d ${quote(summary)}`);
  }
  for (const [group, commands] of Object.entries(tree)) {
    const names = Object.keys(commands).join(' ');
    for (const [name, summary] of Object.entries(commands)) {
      lines.push(
        `complete -c scp-ske -n ${quote(`__fish_seen_subcommand_from ${group}; and not __fish_seen_subcommand_from ${names}`)} -a ${name} -d ${quote(summary)}`,
      );
    }
  }
  lines.push(`complete -c scp-ske -n ${quote('__fish_seen_subcommand_from completion')} -a ${quote(SHELLS.join(' '))}`);
  for (const flag of COMMON_FLAGS) {
    const extra = flag === '--output' ? " -x -a 'table json yaml'" : flag === '--from-file' ? ' -r -F' : '';
    lines.push(`complete -c scp-ske -l ${flag.slice(2)}${extra}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The script for `shell`. */
export function completionScript(shell: (typeof SHELLS)[number]): string {
  const tree = commandTree();
  const singles = singleCommands();
  return shell === 'bash' ? bash(tree, singles) : shell === 'zsh' ? zsh(tree, singles) : fish(tree, singles);
}

export async function completionCommand(argv: string[], io: Io): Promise<number> {
  const [shell, ...extra] = argv;
  if (shell === '--help' || shell === '-h' || shell === undefined) {
    io.stdout(`scp-ske completion: a completion script for your shell, from the same table as the commands.

Usage: scp-ske completion bash|zsh|fish

Examples:
  source <(scp-ske completion bash)          # in ~/.bashrc
  source <(scp-ske completion zsh)           # in ~/.zshrc
  scp-ske completion fish > ~/.config/fish/completions/scp-ske.fish
`);
    return shell === undefined ? 2 : 0;
  }
  if (!(SHELLS as readonly string[]).includes(shell) || extra.length > 0) {
    throw new UsageError(`completion: expected one of ${SHELLS.join(', ')}, received "${argv.join(' ')}"`);
  }
  io.stdout(completionScript(shell as (typeof SHELLS)[number]));
  return 0;
}
