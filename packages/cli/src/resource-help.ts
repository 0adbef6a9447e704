/**
 * The help of a resource command, from its row of the command table and the spec of the chosen
 * version: the body's flags (each field's type, whether required, its description), the fields only
 * `--from-file` gives, `--wait` where the operation is asynchronous, and the row's examples.
 */
import { COMMAND_TABLE, SINGLE_COMMANDS } from './command-table.js';
import type { Version } from './connection.js';
import { COMMON_HELP } from './help.js';
import { type BodyFlag, bodyFlags, fileOnlyFields } from './request-body.js';
import { findOperation, isAsynchronous } from './spec-document.js';

const RESERVED = ['cluster_id'];

function flagLine(flag: string, text: string): string {
  const head = `  ${flag}`;
  return head.length < 25 ? `${head.padEnd(25)}${text}` : `${head}\n${' '.repeat(25)}${text}`;
}

const oneSentence = (text: string | undefined) => (text ?? '').split('\n')[0]?.replace(/\s+/g, ' ').slice(0, 90) ?? '';

/** A field without a description: its name, type and example (`desired_node_count: integer, e.g. 3`). */
const described = (flag: BodyFlag) =>
  `${flag.field}: ${flag.type ?? 'value'}${flag.example === undefined ? '' : `, e.g. ${JSON.stringify(flag.example)}`}`;

export function resourceHelp(group: string | undefined, command: string, version: Version): string {
  const row = group === undefined ? SINGLE_COMMANDS[command] : COMMAND_TABLE[group]?.[command];
  if (!row) return '';
  const words = ['scp-ske', group, command].filter(Boolean).join(' ');
  const operation = findOperation(version, row.operation);
  const lines = [`${words}: ${row.summary} (operation ${row.operation}).`, ''];
  if (!operation) {
    lines.push(`The API version ske ${version} has no ${row.operation}: pass an --api-version that has it.`, '');
  }
  const positional = row.target ? ` ${row.target.toUpperCase()}` : '';
  lines.push(`Usage: ${words}${positional} [flags] [options]`, '');
  if (row.target === 'cluster')
    lines.push(flagLine('CLUSTER', 'the cluster: its exact name, or its id (32 hex digits)'));
  if (row.target === 'nodepool') {
    lines.push(flagLine('NODEPOOL', 'the nodepool: its id, or its exact name with --cluster'));
  }
  const body = operation?.body;
  const takesCluster = row.target !== undefined || row.inCluster || body?.properties?.cluster_id !== undefined;
  if (takesCluster) lines.push(flagLine('--cluster NAME|ID', 'the cluster (of the nodepool, or to list in)'));
  if (body) {
    const required = new Set(body.required ?? []);
    lines.push(
      '',
      `Request body (${operation?.method} ${operation?.path}, ske ${version}): from these flags and/or --from-file FILE`,
      '(YAML or JSON; a flag wins over the file), checked against the spec before anything is sent:',
    );
    lines.push(flagLine('--from-file FILE', 'the request body, or part of it'));
    for (const flag of bodyFlags(body, takesCluster ? RESERVED : [])) {
      const form =
        flag.kind === 'boolean'
          ? `--${flag.flag}, --no-${flag.flag}`
          : flag.kind === 'list'
            ? `--${flag.flag} A,B`
            : flag.kind === 'pairs'
              ? `--${flag.flag} KEY=VALUE${flag.field === 'taints' ? ':EFFECT' : ''}`
              : `--${flag.flag} VALUE`;
      const note = [
        required.has(flag.field) ? 'required' : '',
        flag.kind === 'list' || flag.kind === 'pairs' ? 'repeatable' : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(flagLine(form, `${note ? `(${note}) ` : ''}${oneSentence(flag.description) || described(flag)}`));
    }
    const fileOnly = fileOnlyFields(body, takesCluster ? RESERVED : []);
    if (fileOnly.length > 0) lines.push(`  From --from-file only: ${fileOnly.join(', ')}`);
  }
  if (operation && isAsynchronous(operation)) {
    const change = operation.stateChange;
    const state = change?.kind === 'delete' ? 'gone' : change?.settles;
    lines.push(
      '',
      flagLine('--wait', `return once the ${change?.resource} is ${state}; progress on stderr (a live line on a`),
      flagLine('', 'terminal, one line per status change otherwise). Exit 1 on a timeout or a failed state'),
      flagLine('--timeout DURATION', 'with --wait: how long it waits, e.g. 90s, 30m, 1h30m (default 60m, at most'),
      flagLine('', "24h), each call keeping its own 30 s deadline; without --wait: the call's deadline"),
    );
  }
  if (row.confirm) {
    lines.push(flagLine('--yes, -y', 'delete without asking; required without a terminal (on one, you type the name)'));
  }
  lines.push(
    flagLine('--output, -o FORMAT', 'table (default), json or yaml (--json: json)'),
    COMMON_HELP,
    '',
    'Examples:',
  );
  for (const example of row.examples) lines.push(`  ${words}${example ? ` ${example}` : ''}`);
  return `${lines.join('\n')}\n`;
}
