/**
 * Every resource command of the command table (command-table.ts) but the hand-written `clusters
 * list|show`: one runner that reads its row and the spec of the chosen version. In order: the
 * operation must exist in that version; the flags (the body's, derived from its request schema) are
 * parsed; a delete without a terminal needs `--yes`; the body (flags over `--from-file`) is checked
 * against the schema: all before any request. Then the cluster or nodepool is looked up by name or
 * id, a delete on a terminal asks for the name, the operation is called, and with `--wait` the
 * command returns once the resource has reached its state (wait-step.ts), its progress on stderr.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ResponseFormatError, resolveCluster } from '@scp-ske/client';
import { COMMAND_TABLE, type ResourceCommand, SINGLE_COMMANDS } from '../command-table.js';
import { confirmDelete, requireYes } from '../confirm.js';
import { type Client, connect, resolveVersion, type Version } from '../connection.js';
import { parseDuration } from '../duration.js';
import { OUTPUT_OPTIONS, outputFormat, printData } from '../output.js';
import { progress } from '../progress.js';
import { type BodyFlag, bodyFlags, bodyOptions, checkBody, fieldsFromFlags, readBodyFile } from '../request-body.js';
import { resolveNodepool } from '../resolve-nodepool.js';
import { resourceHelp } from '../resource-help.js';
import { fields, listTable } from '../resource-output.js';
import { isAsynchronous, type JsonSchema, requireOperation, type SpecOperation } from '../spec-document.js';
import { CONNECTION_OPTIONS, UsageError } from '../usage.js';
import { waitFor } from '../wait-step.js';
import { type Io, LOOKUP } from './kubeconfig.js';

/** The default `--timeout` of `--wait`: a cluster's creation takes tens of minutes. */
const DEFAULT_TIMEOUT = '60m';
/** The longest `--wait` (a day): longer, a cluster's change has failed. */
const WAIT_MAX_MS = 24 * 3_600_000;

/** The value of `--api-version` in argv, before the flags are parsed (they depend on the version). */
function apiVersionFlag(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--api-version') return argv[index + 1];
    if (arg.startsWith('--api-version=')) return arg.slice('--api-version='.length);
  }
  return undefined;
}

/** The row of `group command` (or of a command of no group). */
export function rowOf(group: string | undefined, command: string): ResourceCommand {
  const row = group === undefined ? SINGLE_COMMANDS[command] : COMMAND_TABLE[group]?.[command];
  if (!row) throw new UsageError(`no command "${[group, command].filter(Boolean).join(' ')}"`);
  return row;
}

/** The body field `--cluster` fills (a nodepool's create): the schema's `cluster_id`. */
const CLUSTER_FIELD = 'cluster_id';

/** The schema without the fields the command fills itself. */
function withoutFields(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  if (fields.length === 0) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([key]) => !fields.includes(key)),
  );
  return { ...schema, properties, required: (schema.required ?? []).filter((key) => !fields.includes(key)) };
}

/** What the command line of a row takes, for the chosen version's operation. */
export function commandOptions(
  row: ResourceCommand,
  operation: SpecOperation | undefined,
): { options: NonNullable<ParseArgsConfig['options']>; body: BodyFlag[]; takesCluster: boolean } {
  const takesCluster =
    row.target !== undefined || row.inCluster === true || operation?.body?.properties?.[CLUSTER_FIELD] !== undefined;
  const body = operation?.body ? bodyFlags(operation.body, takesCluster ? [CLUSTER_FIELD] : []) : [];
  const options: NonNullable<ParseArgsConfig['options']> = {
    ...CONNECTION_OPTIONS,
    ...OUTPUT_OPTIONS,
    ...(takesCluster && { cluster: { type: 'string' } }),
    ...(operation?.body && { 'from-file': { type: 'string' } }),
    ...(operation && isAsynchronous(operation) && { wait: { type: 'boolean' } }),
    ...(row.confirm && { yes: { type: 'boolean', short: 'y' } }),
    ...bodyOptions(body),
  };
  return { options, body, takesCluster };
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true, allowNegative: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The request body: `--from-file`, then the flags over it; checked against the schema. */
async function buildBody(
  operation: SpecOperation,
  values: Values,
  flags: readonly BodyFlag[],
  version: Version,
  reserved: readonly string[],
): Promise<Record<string, unknown> | undefined> {
  const schema = operation.body;
  if (!schema) return undefined;
  const file = typeof values['from-file'] === 'string' ? await readBodyFile(values['from-file']) : {};
  const body = { ...file, ...fieldsFromFlags(flags, values, schema) };
  for (const field of reserved) delete body[field];
  await checkBody(body, withoutFields(schema, reserved), { operation: operation.operationId, version, flags });
  return body;
}

/** The id of what a create made: SCP's AsyncResponse `resource_id`, or the `id` of the resource answered. */
function createdId(data: unknown, resource: string): string | undefined {
  const answer = (data ?? {}) as Record<string, unknown>;
  const id = answer.resource_id ?? (answer[resource] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

type Call = (input: object) => Promise<{ data: unknown }>;

/** The operation's answer; a list that pages, every page of it (the client's paginator), as one list. */
async function answer(client: Client, operation: SpecOperation, call: Call, input: object): Promise<{ data: unknown }> {
  const items = operation.pagesItems;
  const paginate = (client as unknown as { paginate?: Record<string, (input: object) => AsyncIterable<unknown>> })
    .paginate?.[operation.operationId];
  if (items === undefined || paginate === undefined) return call.call(client, input);
  const all: unknown[] = [];
  for await (const item of paginate.call(client, input)) all.push(item);
  return { data: { [items]: all, count: all.length } };
}

/** The name of a resource in messages: `cluster web-1`, `nodepool 3f2…`. */
const labelOf = (kind: string, name: string | undefined, id: string | undefined) =>
  `${kind} ${name ?? id ?? ''}`.trim();

/** The command `scp-ske [group] command`. */
export function resourceCommand(group: string | undefined, command: string) {
  const words = [group, command].filter(Boolean).join(' ');
  return async (argv: string[], io: Io): Promise<number> => {
    const row = rowOf(group, command);
    const version = resolveVersion(apiVersionFlag(argv));
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(resourceHelp(group, command, version));
      return 0;
    }
    const operation = requireOperation(version, row.operation, words);
    const { options, body: bodyFlagList, takesCluster } = commandOptions(row, operation);
    const { values, positionals } = parse(argv, options) as { values: Values; positionals: string[] };
    const format = outputFormat(values as { json?: boolean; output?: string });
    const [value, ...extra] = positionals;
    if (row.target && (value === undefined || value === '')) {
      throw new UsageError(`${words}: expected a ${row.target} name or id`);
    }
    if (extra.length > 0 || (!row.target && value !== undefined)) {
      throw new UsageError(`${words}: unexpected argument "${extra[0] ?? value}"`);
    }
    const clusterFlag = typeof values.cluster === 'string' ? values.cluster : undefined;
    if (row.inCluster && clusterFlag === undefined) throw new UsageError(`${words}: --cluster NAME|ID is required`);
    const wait = values.wait === true;
    // With --wait, --timeout is how long it waits, and each call keeps its own default deadline;
    // without, it is the deadline of the call (connection.ts).
    const waitMs = wait
      ? parseDuration(
          typeof values.timeout === 'string' ? values.timeout : DEFAULT_TIMEOUT,
          '--timeout',
          WAIT_MAX_MS,
          '24 hours',
        )
      : undefined;
    if (row.confirm) requireYes(io, values.yes === true, words);
    const fillsCluster = operation.body?.properties?.[CLUSTER_FIELD] !== undefined && clusterFlag !== undefined;
    const reserved = takesCluster && fillsCluster ? [CLUSTER_FIELD] : [];
    const body = await buildBody(operation, values, bodyFlagList, version, reserved);

    const connection = (wait ? { ...values, timeout: undefined } : values) as Record<string, string | undefined>;
    const { client, operations } = await connect(connection, io);
    const how = `\`scp-ske ${words}\``;
    const cluster =
      clusterFlag !== undefined
        ? await resolveCluster(client, clusterFlag, LOOKUP)
        : row.target === 'cluster' && value !== undefined
          ? await resolveCluster(client, value, { how, listWith: LOOKUP.listWith })
          : undefined;
    const nodepool =
      row.target === 'nodepool' && value !== undefined
        ? await resolveNodepool(client, value, cluster?.id, how)
        : undefined;
    const takes = new Set(operations[row.operation]?.parameters.map((parameter) => parameter.key));
    const input: Record<string, unknown> = {
      ...(cluster && takes.has('clusterId') && { clusterId: cluster.id }),
      ...(nodepool && takes.has('nodepoolId') && { nodepoolId: nodepool.id }),
      ...(body && { body: reserved.length > 0 && cluster ? { ...body, [CLUSTER_FIELD]: cluster.id } : body }),
    };
    const target = nodepool ?? cluster;
    const kind = row.target ?? operation.stateChange?.resource ?? 'resource';
    if (row.confirm && target) await confirmDelete(io, client, kind, target, values.yes === true);

    const call = (client as unknown as Record<string, Call>)[row.operation];
    if (!call) throw new UsageError(`${words}: the ske ${version} client has no ${row.operation}`);
    const { data } = await answer(client, operation, call, input);

    const change = operation.stateChange;
    if (waitMs !== undefined && change && isAsynchronous(operation)) {
      const id = change.kind === 'create' ? createdId(data, change.resource) : target?.id;
      if (id === undefined) {
        throw new ResponseFormatError(`the answer of ${row.operation} names no ${change.resource} to wait for`);
      }
      // The waiter polls the resource's show operation, which takes its id alone.
      const ids = { [`${change.resource}Id`]: id };
      const name = change.kind === 'create' ? (body?.name as string | undefined) : target?.name;
      const shown = await waitFor(client, version, change, ids, {
        timeoutMs: waitMs,
        progress: progress(io, labelOf(change.resource, name, id)),
      });
      // Gone: the delete's answer for json and yaml, nothing more in a table (stderr said it).
      const last = (shown as { data?: unknown } | undefined)?.data ?? data;
      await printData(io, format, last, () => (change.kind === 'delete' ? '' : fields(last)));
      return 0;
    }
    await printData(io, format, data, () => (row.columns ? listTable(data, row.columns) : fields(data)));
    if (change && isAsynchronous(operation) && format === 'table') {
      const until = change.kind === 'delete' ? 'it is gone' : `it is ${change.settles}`;
      io.stderr(`The ${change.resource} is ${change.during} now; --wait waits until ${until}.\n`);
    }
    return 0;
  };
}

export type { Client };
