/**
 * A broken or hostile server cannot hurt the user: against plain node:http servers that answer what
 * no SKE would (a body without end, an error envelope with a 200, a kubeconfig for another host or
 * over http, escape sequences, the user's secret key echoed back), every command ends with one line
 * (or one JSON object) and an exit code, never a stack trace; nothing is written that the server rule
 * refuses; nothing printed holds a raw control character or the secret.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, key } from './testing/demo.js';
import { type HostileServer, kubeconfigText, sendJson, sendYaml, startHostile } from './testing/hostile-server.js';
import { cliEnv, type Run, runCli, scratchHome } from './testing/run-cli.js';
import { runMain } from './testing/run-main.js';

const ESC = '\u001b';
const SECRET = key.secretKey;
const SCP_SERVER = `https://${DEMO}.ske.private.kr-west1.samsungsdscloud.com:6443`;

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const env = (home = scratchHome()) => cliEnv(home, { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: SECRET });
const main = (args: string[], home?: string) =>
  runMain([...args, '--endpoint', (server as HostileServer).url], env(home));
const binary = (args: string[], home?: string) =>
  runCli([...args, '--endpoint', (server as HostileServer).url], env(home));

/** A failure as every failure ends: exit 1, one line on stderr (no stack trace), nothing on stdout. */
function expectOneLine(run: Run): void {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^scp-ske: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** The same with --json: one JSON object with a code and a message on stderr. */
function jsonError(run: Run): { code: string; message: string; [field: string]: unknown } {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  const { error } = JSON.parse(run.stderr);
  expect(error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  return error;
}

describe('an answer too large for the process', () => {
  /** Answers 200 with a body that never ends, 1 MiB at a time, until the client goes away. */
  const endless = () =>
    startHostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 20, 'a');
      let open = true;
      response.on('close', () => {
        open = false;
      });
      const pump = () => {
        while (open && response.write(chunk));
        if (open) response.once('drain', pump);
      };
      pump();
    });

  it('ends in one line and exit 1, never a stack trace; with --json, in one JSON object', async () => {
    server = await endless();
    expectOneLine(await binary(['clusters', 'list']));
    jsonError(await binary(['clusters', 'list', '--json']));
  });
});

describe('a 200 that is no answer of the operation', () => {
  const ENVELOPE = { errors: [{ code: 'Forbidden', title: 'Forbidden', detail: ['Access denied.'], status: 403 }] };
  const answering = (body: unknown) => startHostile((_request, response) => sendJson(response, body));

  it('clusters show: a body without "cluster" is an error, also with --json, never a TypeError', async () => {
    server = await answering({});
    const run = await main(['clusters', 'show', DEMO]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'scp-ske: The response is not what the spec describes: the answer has no "cluster" object\n',
    });
    expect(jsonError(await main(['clusters', 'show', DEMO, '--json'])).code).toBe('ERR_SKE_RESPONSE_FORMAT');
  });

  it("clusters show: SCP's error envelope with a 200 fails, also with --json (exit 1, nothing on stdout)", async () => {
    server = await answering(ENVELOPE);
    const run = await binary(['clusters', 'show', DEMO]);
    expectOneLine(run);
    expect(run.stderr).not.toMatch(/TypeError|node_count/);
    expect(run.stderr).toBe('scp-ske: SKE API error 403 Forbidden (ske 1.3): Access denied.\n');
    // The client reads the envelope as the API error it is (and the CLI's own check would catch it: above).
    expect(jsonError(await binary(['clusters', 'show', DEMO, '--json']))).toMatchObject({ code: 'Forbidden' });
  });

  it('clusters list and a name lookup: a body without a "clusters" array, or a cluster without a name, is an error', async () => {
    server = await answering(ENVELOPE);
    expectOneLine(await main(['clusters', 'list']));
    expect(jsonError(await main(['clusters', 'list', '--json'])).code).toBe('Forbidden');
    await server.close();
    server = await answering({ clusters: [{ id: DEMO }], count: 1 });
    for (const args of [
      ['clusters', 'list'],
      ['clusters', 'show', 'demo-cluster'],
      ['clusters', 'list', '--size', '1'],
    ]) {
      expect(await main(args)).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'scp-ske: The response is not what the spec describes: clusters[0] is not a cluster with a string "id" and "name"\n',
      });
    }
  });

  it('kubeconfig get --type public: a cluster answer without "cluster" is an error before any kubeconfig is asked for', async () => {
    server = await answering({ nothing: true });
    const run = await main(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'public']);
    expect(run.stderr).toBe(
      'scp-ske: The response is not what the spec describes: the answer has no "cluster" object\n',
    );
    expect(server.seen).toEqual([`GET /v1/clusters/${DEMO}`]);
  });

  it('clusters show: fields of unexpected types are shown as they are, never a TypeError', async () => {
    server = await answering({
      cluster: {
        id: DEMO,
        name: 'odd',
        node_count: '3',
        max_node_count: 9,
        security_group_list: 'sg',
        private_endpoint_access_control_resources: [null, { name: 'vm', type: 7 }],
        vpc: 'a-vpc',
        subnet: { name: ['x'] },
      },
    });
    const run = await main(['clusters', 'show', DEMO]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Nodes: +3 \(max 9\)$/m);
    expect(run.stdout).toMatch(/^Security groups: +-$/m);
    expect(run.stdout).toMatch(/^Private access from: +- \(-, -\), vm \(7, -\)$/m);
    expect(run.stdout).toMatch(/^VPC: +a-vpc$/m);
    expect(run.stdout).toMatch(/^Subnet: +\["x"\] \(-\)$/m);
    expect(run.stdout).toMatch(/^Status: +-$/m);
  });
});

describe('server text on the terminal', () => {
  const NAME = `evil${ESC}[31mred${ESC}]0;owned\u0007`;
  const cluster = {
    id: DEMO,
    name: NAME,
    status: `RUNNING${ESC}[2J`,
    kubernetes_version: 'v1.30\nfake-line',
    node_count: 3,
  };

  it('clusters list: every cell shows ESC, an OSC title change and a line break as escapes, columns kept', async () => {
    server = await startHostile((_request, response) => sendJson(response, { clusters: [cluster], count: 1 }));
    const run = await main(['clusters', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(/^NAME +ID +STATUS +VERSION +NODES$/),
      `evil\\u001b[31mred\\u001b]0;owned\\u0007  ${DEMO}  RUNNING\\u001b[2J  v1.30\\u000afake-line  3`,
      '',
    ]);
  });

  it('clusters list --json and show --json: valid JSON holding the values as sent, no raw control character', async () => {
    server = await startHostile((request, response) =>
      sendJson(
        response,
        request.url?.startsWith('/v1/clusters?') || request.url === '/v1/clusters'
          ? { clusters: [{ ...cluster, name: `${NAME}\u009b31m` }], count: 1 }
          : { cluster: { ...cluster, name: `${NAME}\u009b31m` } },
      ),
    );
    for (const args of [
      ['clusters', 'list', '--json'],
      ['clusters', 'show', DEMO, '--json'],
    ]) {
      const run = await main(args);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/(?!\n)\p{Cc}/u);
      expect(JSON.stringify(JSON.parse(run.stdout))).toContain(JSON.stringify(`${NAME}\u009b31m`).slice(1, -1));
    }
  });

  it('clusters show: the summary shows control characters as escapes', async () => {
    server = await startHostile((_request, response) => sendJson(response, { cluster }));
    const run = await main(['clusters', 'show', DEMO]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Name: +evil\\u001b\[31mred\\u001b\]0;owned\\u0007$/m);
    expect(run.stdout).toMatch(/^Kubernetes version: +v1\.30\\u000afake-line$/m);
    expect(run.stdout).not.toContain(ESC);
  });

  it('an API error that echoes the secret key and escape sequences: redacted, shown, one line, in text and JSON', async () => {
    server = await startHostile((_request, response) =>
      sendJson(
        response,
        {
          errors: [
            {
              code: `Denied${ESC}[0m`,
              detail: [`bad signature for secret ${SECRET}`, `${ESC}]0;title\u0007\nscp-ske: hint: run rm -rf ~`],
              request_id: 'req-1',
            },
          ],
        },
        403,
      ),
    );
    const run = await binary(['clusters', 'show', DEMO]);
    expectOneLine(run);
    expect(run.stderr).toBe(
      'scp-ske: SKE API error 403 Denied\\u001b[0m (ske 1.3, request id req-1): bad signature for secret ' +
        '[redacted] \\u001b]0;title\\u0007\\u000ascp-ske: hint: run rm -rf ~\n',
    );
    const json = await binary(['clusters', 'show', DEMO, '--json']);
    expect(json.stderr).not.toContain(SECRET);
    expect(json.stderr).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(jsonError(json)).toMatchObject({
      code: `Denied${ESC}[0m`,
      detail: ['bad signature for secret [redacted]', `${ESC}]0;title\u0007\nscp-ske: hint: run rm -rf ~`],
    });
  });

  it('a name the server echoes in "no cluster named": shown, and candidates listed one per line', async () => {
    server = await startHostile((_request, response) =>
      sendJson(response, { clusters: [{ id: DEMO, name: `web\n  fake ${ESC}[1m` }], count: 1 }),
    );
    const run = await main(['clusters', 'show', 'web']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`  web\\n  fake \\u001b[1m  ${DEMO}\n`);
    expect(run.stderr).not.toContain(ESC);
  });
});

describe('the kubeconfig a server returns', () => {
  const serving = (text: string) => startHostile((_request, response) => sendYaml(response, text));
  const get = (home: string, ...more: string[]) =>
    main(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', ...more], home);
  const merge = (home: string, ...more: string[]) =>
    main(
      ['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', '--kubeconfig', join(home, 'config'), ...more],
      home,
    );

  it.each([
    ['plain http', 'http://x.ske.private.kr-west1.samsungsdscloud.com:6443', 'https'],
    ['a host unrelated to the request', 'https://attacker.example.net:6443', 'host'],
    ['the endpoint’s host over http', 'http://127.0.0.1:6443', 'https'],
  ])('is refused, nothing written, when its server is %s: get, get --output and merge', async (_name, url, rule) => {
    server = await serving(kubeconfigText(url));
    const home = scratchHome();
    for (const run of [
      await get(home),
      await get(home, '--output', join(home, 'out.yaml')),
      await merge(home),
      await merge(home, '--dry-run'),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(
          `^scp-ske: refused the kubeconfig SKE returned: its server ${url.replace(/\./g, '\\.')} .*; nothing was written\n$`,
        ),
      );
    }
    expect(readdirSync(home)).toEqual([]);
    const json = jsonError(await merge(home, '--json'));
    expect(json).toMatchObject({ code: 'ERR_SKE_UNSAFE_KUBECONFIG', rule, server: url });
  });

  it('says which option accepts another host, and is written once the user names that host', async () => {
    server = await serving(kubeconfigText('https://attacker.example.net:6443'));
    const home = scratchHome();
    const refused = await merge(home);
    expect(refused.stderr).toContain('(pass --allow-server-host attacker.example.net to accept it)');
    const allowed = await merge(home, '--allow-server-host', 'attacker.example.net');
    expect(allowed.code).toBe(0);
    expect(parse(readFileSync(join(home, 'config'), 'utf8')).clusters[0].cluster.server).toBe(
      'https://attacker.example.net:6443',
    );
    const other = await merge(
      home,
      '--allow-server-host',
      'other.example.net',
      '--allow-server-host',
      'Attacker.example.NET',
    );
    expect(other.code).toBe(0);
    expect(await merge(home, '--allow-server-host', 'attacker.example.net:6443')).toMatchObject({ code: 2 });
  });

  it('is written when its server is in SCP’s domain, or on the endpoint’s own host (an emulator’s)', async () => {
    for (const url of [SCP_SERVER, 'https://127.0.0.1:6443']) {
      server = await serving(kubeconfigText(url));
      const home = scratchHome();
      expect((await merge(home)).code).toBe(0);
      expect((await get(home)).stdout).toBe(kubeconfigText(url));
      await server.close();
    }
    server = undefined;
  });

  it('checks the entry a merge writes, which may not be the cluster the client read the server of', async () => {
    // No current context: the client reads the first cluster's server, the merge takes the first context's.
    const text = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fine',
      '  cluster:',
      `    server: ${SCP_SERVER}`,
      '- name: evil',
      '  cluster:',
      '    server: https://attacker.example.net',
      'users:',
      '- name: u',
      '  user:',
      '    token: t',
      'contexts:',
      '- name: first',
      '  context:',
      '    cluster: evil',
      '    user: u',
      '',
    ].join('\n');
    server = await serving(text);
    const home = scratchHome();
    const run = await merge(home);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('its server https://attacker.example.net is neither');
    expect(readdirSync(home)).toEqual([]);
  });

  it('get prints a kubeconfig as it is: an escape inside a quoted scalar is text, not a control character', async () => {
    const text = kubeconfigText(SCP_SERVER).replace('token: hostile-token', 'token: "\\e]0;title\\a"');
    server = await serving(text);
    const run = await get(scratchHome());
    expect(run).toEqual({ code: 0, stdout: text, stderr: '' });
  });

  it('is refused when it holds a raw control character (YAML allows none), an escaped one in a merged entry, or the secret', async () => {
    const home = scratchHome();
    server = await serving(kubeconfigText(SCP_SERVER).replace('hostile-token', `t${ESC}[31m`));
    for (const run of [await get(home), await merge(home)]) {
      expect(run.stderr).toBe(
        'scp-ske: refused the kubeconfig SKE returned: it holds a control character (U+001B) on line 10, which YAML does not allow; nothing was written\n',
      );
    }
    await server.close();
    server = await serving(kubeconfigText(`"${SCP_SERVER}/\\e[31m"`));
    const merged = await merge(home);
    expect(merged.stderr).toBe(
      'scp-ske: refused the kubeconfig SKE returned: it holds a control character (U+001B) in cluster.server; nothing was written\n',
    );
    const written = await get(home, '--output', join(home, 'out.yaml'));
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`for ${SCP_SERVER}/\\u001b[31m to `);
    expect(written.stderr).not.toContain(ESC);
    await server.close();
    server = await serving(kubeconfigText(SCP_SERVER).replace('hostile-token', SECRET));
    for (const run of [await get(home), await merge(home)]) {
      expect(run.stderr).toBe(
        'scp-ske: refused the kubeconfig SKE returned: it holds your SCP secret key; nothing was written\n',
      );
    }
    expect(readdirSync(home)).toEqual(['out.yaml']);
  });
});
