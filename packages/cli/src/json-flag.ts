/** Whether a command line asks for JSON output (`--json`, `--output json`, `-o json`): nothing imported, for main.ts. */

/** Whether argv asks for JSON output (for the error report, before any flag is parsed). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (arg, index) =>
      arg === '--json' ||
      arg === '--output=json' ||
      arg === '-ojson' ||
      ((arg === '--output' || arg === '-o') && argv[index + 1] === 'json'),
  );
}
