/** Usage errors (exit 2) and the parsing of a command's flags; the help texts are in help.ts. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { SkeError } from '@scp-ske/client';

/** A bad flag or argument: exit code 2, and the message names the flag and what was expected. */
export class UsageError extends SkeError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('ERR_SKE_USAGE', message);
  }
}

export { CONNECTION_OPTIONS } from './connection-options.js';

type StrictConfig<O extends NonNullable<ParseArgsConfig['options']>, P extends boolean> = {
  args: string[];
  options: O;
  strict: true;
  allowPositionals: P;
};
/** The parsed flags of a command: exactly the options it declares, typed. */
export type Flags<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<StrictConfig<O, false>>
>['values'];

export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O): Flags<O> {
  try {
    return parseArgs<StrictConfig<O, false>>({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The flags and the positional arguments of a command that takes some. */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
): { flags: Flags<O>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs<StrictConfig<O, true>>({
      args: argv,
      options,
      strict: true,
      allowPositionals: true,
    });
    return { flags: values as Flags<O>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A flag's value as a whole number ≥ 0 (the spec then checks its bounds). */
export function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag}: expected a whole number ≥ 0, received "${value}"`);
  return Number(value);
}
