/**
 * Test support: a real HTTP server on 127.0.0.1 that checks every request the way SCP's gateway
 * does, recomputing the HMAC with node:crypto from what it received (not with this package's
 * signer), and answers from a script of statuses so that retries can be observed.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  timestamp: number;
  accessKey: string;
  signature: string;
  /** Every header as received, each with all its values (a duplicate shows as two). */
  headers: Record<string, string[]>;
  verdict: 'accepted' | 'bad-signature' | 'stale-timestamp' | 'unknown-key' | 'missing-header';
}

export type Scripted = { status: number; headers?: Record<string, string>; body?: string } | 'drop' | 'hang';

export interface VerifyingServerOptions {
  keys: Record<string, string>;
  /** The server's clock. Default `Date.now`. */
  now?: () => number;
  windowMs?: number;
  /** Answers for requests that pass verification, in order; then 200. */
  script?: Scripted[];
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function verify(request: IncomingMessage, options: Required<Omit<VerifyingServerOptions, 'script'>>): Received {
  const accessKey = header(request, 'Scp-AccessKey') ?? '';
  const signature = header(request, 'Scp-Signature') ?? '';
  const timestampText = header(request, 'Scp-Timestamp') ?? '';
  const url = `http://${request.headers.host}${request.url}`;
  const base = {
    method: request.method ?? '',
    url,
    timestamp: Number(timestampText),
    accessKey,
    signature,
    headers: request.headersDistinct as Record<string, string[]>,
  };
  if (!accessKey || !signature || !timestampText || header(request, 'Scp-ClientType') !== 'Openapi') {
    return { ...base, verdict: 'missing-header' };
  }
  const secret = options.keys[accessKey];
  if (secret === undefined) return { ...base, verdict: 'unknown-key' };
  const accountId = header(request, 'Scp-AccountId') ?? '';
  const expected = createHmac('sha256', secret)
    .update(`${request.method}${url}${timestampText}${accessKey}${accountId}Openapi`)
    .digest('base64');
  if (expected !== signature) return { ...base, verdict: 'bad-signature' };
  if (Math.abs(options.now() - Number(timestampText)) > options.windowMs)
    return { ...base, verdict: 'stale-timestamp' };
  return { ...base, verdict: 'accepted' };
}

export async function startVerifyingServer(options: VerifyingServerOptions) {
  const settings = { now: Date.now, windowMs: 5 * 60 * 1000, ...options };
  const script = [...(options.script ?? [])];
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const record = verify(request, settings);
    received.push(record);
    const date = new Date(settings.now()).toUTCString();
    if (record.verdict !== 'accepted') {
      response.writeHead(401, { 'content-type': 'application/json', date });
      response.end(
        JSON.stringify({ errors: [{ code: 'Unauthorized', title: record.verdict, detail: [], status: 401 }] }),
      );
      return;
    }
    const next = script.shift() ?? { status: 200, body: 'ok' };
    if (next === 'drop') return request.socket.destroy();
    if (next === 'hang') return;
    response.writeHead(next.status, { date, ...next.headers });
    response.end(next.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
