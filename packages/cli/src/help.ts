/**
 * The help text of every command. Plain text and nothing else imported, so that `scp-ske --help`
 * loads this module and main.ts alone.
 */
import { COMMAND_TABLE, SINGLE_COMMANDS } from './command-table.js';

export const COMMON_HELP = `Connection:
  --api-version V        SKE API version (default: the CURRENT one); see \`scp-ske versions\`
  --region R             e.g. kr-west1 (default: "default-region" of ~/.scpconf/config.json)
  --environment E        s, g or e (default: read from "auth-url" of ~/.scpconf/config.json)
  --endpoint URL         explicit base URL instead of region and environment (e.g. an emulator)
  --allow-unsupported-version  call a version that is no longer served anyway
  --timeout T            give up on a call after T seconds (or 500ms, 45s, 2m; default 30 s, retries included).
                         On a terminal, a call still waiting after 2 s says which host it waits for
Output:
  --json                 machine-readable output on stdout (errors: one JSON object on stderr, with a code);
                         the same as --output json where a command takes --output
  --debug                print requests and responses on stderr (signature redacted), and the details of
                         an unexpected error
Server text is printed with control characters made visible (ESC as \u001b), and never your secret key.
Credentials: SCP_ACCESS_KEY and SCP_SECRET_KEY, else ~/.scpconf/credentials.json.`;

const CLUSTER_FLAGS = `  --cluster NAME|ID      the cluster: its name (looked up with \`clusters list\`; it must be the exact name of
                         one cluster) or its id (32 lower-case hex digits, used as it is)
  --cluster-id ID        the cluster's id only, never looked up (the form earlier releases took)
  --type T               private (the cluster's own network) or public; a public request first checks
                         (one showCluster call) that the cluster allows a public kubeconfig
  --admin                the cluster's ADMIN kubeconfig instead of your user kubeconfig: needs the IAM
                         action ske:CreateClusterAdminKubeconfig (the user one: ske:ShowClusterUserKubeconfig)
  --allow-server-host H  accept a kubeconfig whose API server is on host H (repeatable). Without it, the
                         server must be https, and in SCP's domain (samsungsdscloud.com, in the endpoint's
                         environment) or on the endpoint's own host; nothing is written otherwise`;

export const HELP = {
  main: `scp-ske: Samsung Cloud Platform SKE clusters and nodepools: list, show, create, change and delete them
(with --wait), and get a cluster's kubeconfig or merge it into yours.

Usage:
__COMMANDS__
  scp-ske kubeconfig get --cluster NAME|ID --type private|public [--admin] [--output FILE] [options]
  scp-ske kubeconfig merge --cluster NAME|ID --type private|public [--admin] [--kubeconfig PATH] [--context NAME]
                           [--cluster-alias NAME] [--user-alias NAME] [--set-current] [--overwrite] [--dry-run] [options]
  scp-ske kubeconfig credential --cluster-id ID --type private|public [--admin] [options]   (run by kubectl)
  scp-ske versions [--endpoint URL] [--json]
  scp-ske api METHOD PATH [--query name=value]... [--body FILE|-] [options]
  scp-ske completion bash|zsh|fish
  scp-ske --version

Run \`scp-ske <command> --help\` (e.g. \`scp-ske clusters --help\`, \`scp-ske clusters create --help\`) for
a command's flags and examples.
Exit codes: 0 success (with --wait: once the state is reached); 1 API, network or file error, no cluster of
that name, a --wait that timed out or ended in another state, a delete not confirmed; 2 usage error (a bad
flag, a request body the spec refuses, an operation the API version lacks, no credentials, an unsupported
version, a name that several clusters have, a delete without --yes and without a terminal, a merge that
would replace another cluster's kubeconfig entries without --overwrite).`,
  kubeconfig: `scp-ske kubeconfig: a cluster's kubeconfig, on stdout, in a file, or merged into your kubeconfig.

Usage:
  scp-ske kubeconfig get --cluster NAME|ID --type private|public [--admin] [--output FILE] [options]
  scp-ske kubeconfig merge --cluster NAME|ID --type private|public [--admin] [--kubeconfig PATH] [--context NAME]
                           [--cluster-alias NAME] [--user-alias NAME] [--set-current] [--overwrite] [--dry-run] [options]

  get         write the kubeconfig to stdout, or to a file (atomically, mode 0600)
  merge       merge its cluster, user and context into your kubeconfig by kubectl's rules, keeping everything else
  credential  the kubectl credential plugin the merged user runs (an ExecCredential on stdout)

Run \`scp-ske kubeconfig get --help\` or \`scp-ske kubeconfig merge --help\` for their flags and examples.`,
  list: `scp-ske clusters list: the clusters your access key can see (IAM action ske:ListClusters).

Usage: scp-ske clusters list [--name N] [--status S]... [--kubernetes-version V]... [--page P --size S] [--output F] [options]

  --name N               only clusters whose name contains N (a-z, 0-9, -)
  --status S             only clusters in state S (e.g. RUNNING, CREATING, ERROR); repeat the flag, or
                         separate states with commas, for any of several
  --kubernetes-version V only clusters of Kubernetes version V (e.g. v1.29.8); repeatable like --status
  --page P, --size S     one page: S clusters per page, pages counted from 0 (as SCP counts them).
                         Without them, every cluster is listed, over as many pages as the service uses
  --output, -o FORMAT    table (default), json (the API's answer: { clusters, count, links }; also --json) or yaml
__COMMON__

Examples:
  scp-ske clusters list
  scp-ske clusters list --status RUNNING --status ERROR --name prod
  scp-ske clusters list --size 20 --page 1 --json`,
  show: `scp-ske clusters show: one cluster (IAM action ske:ShowCluster), with whether its private and public
kubeconfigs can be downloaded.

Usage: scp-ske clusters show NAME|ID [--output table|json|yaml] [options]

  NAME|ID                the cluster's exact name (looked up with \`clusters list\`), or its id (32 hex digits)
  --output, -o FORMAT    table (the summary, default), json (the API's answer: { cluster }; also --json) or yaml
__COMMON__

Examples:
  scp-ske clusters show demo-cluster
  scp-ske clusters show 70a599e031e749b7b260868f441e862b --json`,
  get: `scp-ske kubeconfig get: write a cluster's kubeconfig to stdout or to a file (mode 0600).

Usage: scp-ske kubeconfig get --cluster NAME|ID --type private|public [--admin] [--output FILE] [options]

${CLUSTER_FLAGS}
  --output FILE          write the file instead of stdout: atomically, mode 0600, through a symbolic link,
                         never over a read-only file, the previous content kept as FILE.bak.1 (up to .bak.5)
__COMMON__

Examples:
  scp-ske kubeconfig get --cluster demo-cluster --type private --region kr-west1 --environment s
  scp-ske kubeconfig get --cluster 70a599e031e749b7b260868f441e862b --type public --output ./kubeconfig --json
  scp-ske kubeconfig get --cluster demo-cluster --type private --admin --output ./admin-kubeconfig`,
  merge: `scp-ske kubeconfig merge: merge a cluster's kubeconfig into your kubeconfig, by kubectl's rules.

It adds (or refreshes) one cluster, one user and one context, named <cluster>-<type>-<id8>: the cluster's
name, private or public, and the first 8 hex digits of its id (an admin user and context end in -admin).
A cluster's private and public kubeconfigs, its admin one, and clusters of one name sit side by side.
Every other entry, field and comment is kept.
  - An entry of another cluster (a cluster entry of another server, a context of another cluster or
    user, a user another cluster's context uses) is not replaced without --overwrite: exit 2, nothing
    written. Your own entries are refreshed (a namespace set on the context stays).
  - The current context changes only with --set-current, or when none is set (the output says so).
  - Files: --kubeconfig PATH alone; else the files of $KUBECONFIG as kubectl uses them (an entry is
    changed in the file that defines it, a new one goes to the first file that exists, and when none
    exists the last one is created); else ~/.kube/config.
  - Symbolic links are written through (the link stays); a read-only file is refused, never chmod-ed.
    Writes are atomic, mode 0600; the state before each change is kept as <file>.bak.1 (the newest)
    to <file>.bak.5; concurrent merges take turns. What is not a kubeconfig is refused untouched.

Usage: scp-ske kubeconfig merge --cluster NAME|ID --type private|public [options]

${CLUSTER_FLAGS}
  --kubeconfig PATH      merge into this file only (default: $KUBECONFIG's files, else ~/.kube/config)
  --context NAME         name the context NAME (default: <cluster>-<type>-<id8>, -admin for --admin)
  --cluster-alias NAME   name the cluster entry NAME (default: <cluster>-<type>-<id8>)
  --user-alias NAME      name the user entry NAME (default: the context's default name)
  --set-current          make the merged context the current one
  --overwrite            replace entries of those names even when they belong to another cluster
  --dry-run              print what would change (the same lines a merge prints, and the same refusals)
                         and write nothing: no file, no backup, no lock, no folder
  --exec                 the user entry runs \`scp-ske kubeconfig credential\` for kubectl (the default): the
                         file holds no secret, and revoking your SCP access key stops kubectl. scp-ske must be
                         on kubectl's PATH, with SCP credentials in its environment or ~/.scpconf
  --embed-credential     write the cluster credential (token or client certificate) into the file instead
__COMMON__

Examples:
  scp-ske kubeconfig merge --cluster demo-cluster --type private --set-current
  scp-ske kubeconfig merge --cluster demo-cluster --type public --dry-run
  scp-ske kubeconfig merge --cluster demo-cluster --type public --context prod --overwrite
  scp-ske kubeconfig merge --cluster 70a599e031e749b7b260868f441e862b --type private --admin --context demo-admin`,
  credential: `scp-ske kubeconfig credential: the kubectl exec credential plugin of a merged kubeconfig.

kubectl runs it (the user entry \`kubeconfig merge\` writes says so); it prints an ExecCredential
(client.authentication.k8s.io/v1) with the cluster credential of the kubeconfig SKE issues: a token, or a
client certificate and key. The credential is cached per access key id, endpoint, cluster, type and identity
in $XDG_CACHE_HOME/scp-ske (else ~/.cache/scp-ske; ~/Library/Caches/scp-ske on macOS, %LOCALAPPDATA%\\scp-ske
on Windows; folder 0700, files 0600; never the SCP secret key) until its own expiry or for 10 minutes,
whichever is sooner: most kubectl calls make no network call, and a revoked access key stops kubectl
once that time is over. SCP_SKE_CREDENTIAL_TTL=SECONDS sets the cache lifetime (0: no cache).
Failures are printed on stderr, where kubectl shows them.

Usage: scp-ske kubeconfig credential --cluster-id ID --type private|public [--admin] [options]

  --cluster-id ID        the cluster's id (32 lower-case hex digits)
  --type T               private or public
  --admin                the cluster's admin credential (IAM action ske:CreateClusterAdminKubeconfig)
  --allow-server-host H  as for \`kubeconfig get\`
__COMMON__

Example (what kubectl runs):
  scp-ske kubeconfig credential --cluster-id 70a599e031e749b7b260868f441e862b --type private --region kr-west1`,
  api: `scp-ske api: send any request of the spec, signed, and print the answer (as \`gh api\` or \`az rest\` do).

Usage: scp-ske api METHOD PATH [--query name=value]... [--body FILE|-] [options]

  METHOD PATH            an operation of the chosen version's spec, e.g. GET /v1/clusters/<id>; a method and path
                         the version does not have is refused before anything is sent
  --query name=value     a query parameter the operation declares (repeat it for several values of an
                         array parameter such as status); checked against the spec before sending
  --body FILE            the JSON request body of a POST or PUT, from FILE (- for standard input)
The answer is printed as the spec types it: JSON (indented) or text (a kubeconfig). An error answer exits 1.
__COMMON__

Examples:
  scp-ske api GET /v1/clusters --query status=RUNNING --query status=ERROR
  scp-ske api GET /v1/clusters/70a599e031e749b7b260868f441e862b/kubeconfig --query kubeconfig_type=private
  echo '{"cloud_logging_enabled":true}' | scp-ske api PUT /v1/clusters/70a599e031e749b7b260868f441e862b/logging --body -`,
  versions: `scp-ske versions: the SKE API versions, their lifecycle state, Not Before date, and whether they are served today.

Usage: scp-ske versions [--endpoint URL] [--output table|json|yaml] [--debug]

  --endpoint URL         ask the service (GET /) instead of reading the built-in manifest
  --output, -o FORMAT    table (default), json (also --json) or yaml

Examples:
  scp-ske versions
  scp-ske versions --endpoint https://ske.kr-west1.s.samsungsdscloud.com --json`,
};

export type HelpTopic = keyof typeof HELP;

/** The hand-written group's commands and their summaries (for the completion scripts). */
export const HELP_TOPIC_COMMANDS = {
  kubeconfig: {
    get: "write a cluster's kubeconfig to stdout or a file",
    merge: "merge a cluster's kubeconfig into yours, by kubectl's rules",
    credential: 'the kubectl exec credential plugin a merged kubeconfig runs',
  },
};

/** `  scp-ske clusters list|show|create|…` lines of the main help, from the command table. */
function commandLines(): string {
  const groups = Object.entries(COMMAND_TABLE).map(
    ([group, commands]) => `  scp-ske ${group} ${Object.keys(commands).join('|')} … [options]`,
  );
  return [...groups, ...Object.keys(SINGLE_COMMANDS).map((name) => `  scp-ske ${name} [options]`)].join('\n');
}

export function helpText(command: HelpTopic): string {
  return `${HELP[command].replace('__COMMON__', COMMON_HELP).replace('__COMMANDS__', commandLines())}\n`;
}

const GROUP_SUMMARY: Record<string, string> = {
  clusters: 'the SKE clusters your access key can see: list, show, create, change and delete them',
  nodepools: "a cluster's nodepools (its worker nodes): list, show, create, scale, upgrade, label, taint, delete",
};

/** The help of a group of the command table (`scp-ske clusters --help`): its commands and their summaries. */
export function groupHelp(group: string): string {
  const commands = COMMAND_TABLE[group] ?? {};
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  return `scp-ske ${group}: ${GROUP_SUMMARY[group] ?? ''}.

Usage: scp-ske ${group} <command> [flags] [options]

${Object.entries(commands)
  .map(([name, row]) => `  ${name.padEnd(width)}${row.summary}`)
  .join('\n')}

Clusters and nodepools are named by name or id. Asynchronous commands take --wait (and --timeout);
every command takes --output table|json|yaml.
Run \`scp-ske ${group} <command> --help\` for its flags and examples.
`;
}
