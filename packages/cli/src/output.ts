/**
 * `--output table|json|yaml` (`-o`; `--json` is `--output json`): which one a command prints, and the
 * printing of data as JSON or YAML (the YAML library is loaded only for YAML).
 */
import type { Io } from './commands/kubeconfig.js';
import { UsageError } from './usage.js';

export const OUTPUT_OPTIONS = {
  output: { type: 'string', short: 'o' },
} as const;

export const FORMATS = ['table', 'json', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

/** The format the flags ask for: `--output`, else `json` for `--json`, else `table`. */
export function outputFormat(flags: { json?: boolean | undefined; output?: string | undefined }): Format {
  const { output } = flags;
  if (output === undefined) return flags.json ? 'json' : 'table';
  if (!(FORMATS as readonly string[]).includes(output)) {
    throw new UsageError(`--output: expected one of ${FORMATS.join(', ')}, received "${output}"`);
  }
  if (flags.json && output !== 'json') throw new UsageError(`--json and --output ${output} ask for different outputs`);
  return output as Format;
}

/** Prints `data` as JSON or YAML; for `table`, what `table()` returns. */
export async function printData(io: Io, format: Format, data: unknown, table: () => string): Promise<void> {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
  } else if (format === 'yaml') {
    const { stringify } = await import('yaml');
    io.stdout(stringify(data));
  } else {
    io.stdout(table());
  }
}
