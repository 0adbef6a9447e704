/** Usage errors (exit 2) and the help text of every command. */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A bad flag or argument: exit code 2, and the message names the flag and what was expected. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const COMMON_HELP = `Connection:
  --api-version V        SKE API version (default: the CURRENT one); see \`scp-ske versions\`
  --region R             e.g. kr-west1 (default: "default-region" of ~/.scpconf/config.json)
  --environment E        s, g or e (default: read from "auth-url" of ~/.scpconf/config.json)
  --endpoint URL         explicit base URL instead of region and environment (e.g. an emulator)
  --allow-unsupported-version  call a version that is no longer served anyway
Output:
  --json                 machine-readable output on stdout
  --debug                print requests and responses on stderr (signature redacted)
Credentials: SCP_ACCESS_KEY and SCP_SECRET_KEY, else ~/.scpconf/credentials.json.`;

export const HELP = {
  main: `scp-ske: get a Samsung Cloud Platform SKE user kubeconfig, and merge it into your kubeconfig.

Usage:
  scp-ske kubeconfig get --cluster-id ID --type private|public [--output FILE] [options]
  scp-ske kubeconfig merge --cluster-id ID --type private|public [--kubeconfig PATH] [--context NAME] [--set-current] [options]
  scp-ske versions [--endpoint URL] [--json]

Run \`scp-ske <command> --help\` for a command's flags and examples.
Exit codes: 0 success, 1 API or network error, 2 usage error.`,
  get: `scp-ske kubeconfig get: write a cluster's user kubeconfig to stdout or to a file (mode 0600).

Usage: scp-ske kubeconfig get --cluster-id ID --type private|public [--output FILE] [options]

  --cluster-id ID        the cluster's id (32 lower-case hex digits)
  --type T               private (the cluster's own network) or public
  --output FILE          write the file (atomically, mode 0600, a .bak of a previous one) instead of stdout
__COMMON__

Examples:
  scp-ske kubeconfig get --cluster-id 70a599e031e749b7b260868f441e862b --type private --region kr-west1 --environment s
  scp-ske kubeconfig get --cluster-id 70a599e031e749b7b260868f441e862b --type public --output ./kubeconfig --json`,
  merge: `scp-ske kubeconfig merge: merge a cluster's user kubeconfig into your kubeconfig file.

Only the cluster, user and context of the same names are replaced; every other entry, field and
comment is kept. Writes are atomic, a .bak of the previous file is kept, the mode is 0600, and
concurrent merges take turns. A file that is not a kubeconfig is refused untouched.

Usage: scp-ske kubeconfig merge --cluster-id ID --type private|public [options]

  --cluster-id ID        the cluster's id (32 lower-case hex digits)
  --type T               private or public
  --kubeconfig PATH      the file to merge into (default: first path of $KUBECONFIG, else ~/.kube/config)
  --context NAME         name the merged context NAME
  --set-current          make the merged context the current one
__COMMON__

Examples:
  scp-ske kubeconfig merge --cluster-id 70a599e031e749b7b260868f441e862b --type private --set-current
  scp-ske kubeconfig merge --cluster-id 70a599e031e749b7b260868f441e862b --type public --context prod-public --kubeconfig ./kubeconfig`,
  versions: `scp-ske versions: the SKE API versions, their lifecycle state, Not Before date, and whether they are served today.

Usage: scp-ske versions [--endpoint URL] [--json] [--debug]

  --endpoint URL         ask the service (GET /) instead of reading the built-in manifest
  --json                 machine-readable output

Examples:
  scp-ske versions
  scp-ske versions --endpoint https://ske.kr-west1.s.samsungsdscloud.com --json`,
};

export function helpText(command: keyof typeof HELP): string {
  return `${HELP[command].replace('__COMMON__', COMMON_HELP)}\n`;
}

export const CONNECTION_OPTIONS = {
  'api-version': { type: 'string' },
  region: { type: 'string' },
  environment: { type: 'string' },
  endpoint: { type: 'string' },
  'allow-unsupported-version': { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type StrictConfig<O extends NonNullable<ParseArgsConfig['options']>> = {
  args: string[];
  options: O;
  strict: true;
  allowPositionals: false;
};
/** The parsed flags of a command: exactly the options it declares, typed. */
export type Flags<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<StrictConfig<O>>
>['values'];

export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O): Flags<O> {
  try {
    return parseArgs<StrictConfig<O>>({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
