/**
 * `scp-ske api METHOD PATH [--query name=value]... [--body FILE|-] [options]`: any operation of the
 * chosen version's spec, signed and sent by that version's client (as `gh api` or `az rest` do). METHOD
 * and PATH are checked against the version's paths, and the arguments against the operation's
 * parameters, before anything is sent (api-request.ts); the answer is printed as the spec types it:
 * JSON indented, text (a kubeconfig) as it is, either way through the terminal guard (control
 * characters visible, the secret key redacted).
 */
import { readFile } from 'node:fs/promises';
import { apiRequest } from '../api-request.js';
import { connect, operationsOf, resolveVersion } from '../connection.js';
import { helpText } from '../help.js';
import { CONNECTION_OPTIONS, parseCommand, UsageError } from '../usage.js';
import type { Io } from './kubeconfig.js';

const API_OPTIONS = {
  ...CONNECTION_OPTIONS,
  query: { type: 'string', multiple: true },
  body: { type: 'string' },
} as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The request body of `--body FILE` (`-`: standard input): a JSON object. */
async function readBody(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--body: cannot read ${file === '-' ? 'standard input' : `"${file}"`} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UsageError(`--body: expected a JSON object, received text that is not JSON`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new UsageError('--body: expected a JSON object');
  return body;
}

export async function apiCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseCommand(argv, API_OPTIONS);
  if (flags.help) {
    io.stdout(helpText('api'));
    return 0;
  }
  const [method, path, ...extra] = positionals;
  if (method === undefined || path === undefined)
    throw new UsageError('expected METHOD and PATH, e.g. scp-ske api GET /v1/clusters');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!/^[A-Za-z]+$/.test(method))
    throw new UsageError(`METHOD: expected GET, POST, PUT or DELETE, received "${method}"`);
  if (!path.startsWith('/'))
    throw new UsageError(`PATH: expected a path from the spec, starting with /, received "${path}"`);
  const version = resolveVersion(flags['api-version']);
  const request = apiRequest(await operationsOf(version), version, method, path, flags.query ?? []);
  if (flags.body !== undefined) {
    const { operationId, operation } = request;
    if (!operation.body)
      throw new UsageError(`--body: ${operationId} (${operation.method} ${operation.path}) takes no request body`);
    request.input.body = await readBody(flags.body);
  }
  const { client } = await connect(flags, io);
  const call = (client as unknown as Record<string, (input: unknown) => Promise<{ data: unknown }>>)[
    request.operationId
  ];
  if (!call) throw new UsageError(`${request.operationId}: not an operation of this client`);
  const { data } = await call(request.input);
  io.stdout(
    typeof data === 'string' ? (data.endsWith('\n') ? data : `${data}\n`) : `${JSON.stringify(data, null, 2)}\n`,
  );
  return 0;
}
