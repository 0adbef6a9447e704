/**
 * Test support: a hostile SKE API, a plain node:http server on 127.0.0.1 (a free port) that answers
 * whatever a test makes it answer, without checking signatures; `close()` ends its connections too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  url: string;
  /** Every request's method and URL, oldest first. */
  seen: string[];
  close(): Promise<void>;
}

export async function startHostile(answer: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  } satisfies HostileServer;
}

/** Answers `status` with `body` as JSON. */
export function sendJson(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Answers 200 with a kubeconfig (YAML). */
export function sendYaml(response: ServerResponse, text: string): void {
  response.writeHead(200, { 'content-type': 'application/yaml' });
  response.end(text);
}

/** A kubeconfig of one cluster, user and context named `name`, its server `server`. */
export function kubeconfigText(server: string, name = 'demo-cluster'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    'users:',
    `- name: ${name}-user`,
    '  user:',
    '    token: hostile-token',
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}-user`,
    `current-context: ${name}`,
    '',
  ].join('\n');
}
