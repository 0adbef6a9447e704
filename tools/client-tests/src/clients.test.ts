/**
 * Every version's generated client in one table-driven suite. For each version of @scp-ske/spec, and
 * each operation of that version's table (`OPERATIONS`), a call through its client and one through its
 * openapi-fetch client against the emulator, which verifies the signature and the version header; the
 * arguments are the spec's examples. Adding an operation or a version to the spec adds rows here, never
 * code. What only the compiler can check is in types.test.ts.
 */
import { type KubeconfigResult, type OperationSpec, SkeInputError, type SkeResponse } from '@scp-ske/client';
import { DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFactories, operationTables, rawClientFactories } from './generated/clients.js';
import { bodyExample, rawParams, sampleInput, wideInput } from './samples.js';

type Version = keyof typeof clientFactories;
/** A client seen through its table: one method per operationId and per convenience. */
type TableClient = Record<string, (input?: object) => Promise<SkeResponse<unknown> & KubeconfigResult>>;
/** An openapi-fetch client seen through its table: one method per HTTP method. */
type TableRawClient = Record<string, (path: string, init: object) => Promise<{ response: Response }>>;

const DAY = 86_400_000;
/** A day the version is served (the day before its Not Before date), so that a call tests the call, not the gate. */
const servedOn = (notBefore: string | null) =>
  notBefore ? new Date(Date.parse(notBefore) - DAY).toISOString().slice(0, 10) : '2025-06-01';

const isJson = (operation: OperationSpec) => /json/i.test(operation.success.contentType);

/** The operationIds of a document, in path order. */
const operationIdsOf = (document: OpenApiDocument) =>
  Object.values(document.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      typeof operation === 'object' && operation !== null && 'operationId' in operation ? [operation.operationId] : [],
    ),
  );

const documents = Object.fromEntries(
  await Promise.all(
    manifest.versions.map(async ({ version }) => [version, await loadDocument(version, 'dereferenced')] as const),
  ),
);

it('has a client and an openapi-fetch client for every version of the spec, in its order', () => {
  const versions = manifest.versions.map((entry) => entry.version);
  expect(Object.keys(clientFactories)).toEqual(versions);
  expect(Object.keys(rawClientFactories)).toEqual(versions);
  expect(Object.keys(operationTables)).toEqual(versions);
});

describe.each(manifest.versions.map((entry) => [entry.version, entry] as const))('@scp-ske/client-%s', (_, entry) => {
  const { version, apiVersion, notBefore } = entry;
  const document = documents[version] as OpenApiDocument;
  const operations = Object.entries(operationTables[version as Version] as Record<string, OperationSpec>);
  let emulator: Emulator;
  let client: TableClient;
  let raw: TableRawClient;
  // A fresh emulator for every test: operations change its state (a delete, a create), and each test
  // calls one operation on the state the examples describe.
  beforeEach(async () => {
    emulator = await startEmulator({ now: servedOn(notBefore), transitionMs: 10 });
    const options = { endpoint: emulator.url, credentials: DEMO_CREDENTIALS[0], now: emulator.now };
    client = clientFactories[version as Version](options) as unknown as TableClient;
    raw = rawClientFactories[version as Version](options) as unknown as TableRawClient;
  });
  afterEach(() => emulator.close());
  const lastRequest = () => emulator.requests.at(-1);
  /** Calls a method of the client by name (an operationId or a convenience). */
  const call = (name: string, input?: object) => {
    const method = client[name];
    if (!method) throw new TypeError(`the ${version} client has no method ${name}`);
    return method(input);
  };
  /** Sends a request through the openapi-fetch client. */
  const send = async (method: string, path: string, init: object) => {
    const request = raw[method];
    if (!request) throw new TypeError(`the ${version} openapi-fetch client has no ${method}`);
    return (await request(path, init)).response;
  };

  it(`has one method per operation of the ${apiVersion} document`, () => {
    expect(operations.map(([id]) => id)).toEqual(operationIdsOf(document));
    for (const [id] of operations) expect(client[id], id).toBeTypeOf('function');
  });

  describe.each(operations)('%s', (id, operation) => {
    const { method, path, success, convenience } = operation;
    const required = [
      ...operation.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.key),
      ...(operation.body?.required ? ['body'] : []),
    ];
    const wide = wideInput(document, operation);

    it(`${method} ${path}: answered ${success.status}, its body read as ${isJson(operation) ? 'JSON' : 'text'}, signed and sent as ${apiVersion}`, async () => {
      const input = sampleInput(document, operation);
      const result = await call(id, input);
      expect(result).toMatchObject({ status: success.status, apiVersion });
      if (input.body !== undefined) expect(lastRequest()?.body).toEqual(input.body);
      expect(result.requestId).toMatch(/^req-/);
      expect(typeof result.data).toBe(isJson(operation) ? 'object' : 'string');
      expect(lastRequest()).toMatchObject({ status: success.status, apiVersion });
    });

    if (required.length > 0) {
      it(`refuses a call without ${required.join(', ')} before sending it`, async () => {
        const sent = emulator.requests.length;
        await expect(call(id, {})).rejects.toThrow(SkeInputError);
        expect(emulator.requests).toHaveLength(sent);
      });
    }

    if (convenience !== undefined) {
      it(`${convenience}: its kubeconfig, checked and summarised`, async () => {
        const result = await call(convenience, sampleInput(document, operation));
        expect(result).toMatchObject({ apiVersion, contexts: [expect.any(String)] });
        expect(result.server).toMatch(/^https:\/\//);
        expect(result.kubeconfig).toMatch(/^apiVersion: v1\nkind: Config\n/);
      });
    }

    if (wide !== undefined) {
      it('the signature covers exactly the URL sent, with arrays, spaces and non-ASCII values', async () => {
        const result = await call(id, wide);
        expect(result.status).toBe(success.status);
        expect(lastRequest()?.url).toMatch(/%20/);
      });
    }

    it(`raw ${method} ${path}: a typed, signed request with ${apiVersion} that the emulator accepts`, async () => {
      const body = bodyExample(document, operation);
      const response = await send(method, path, {
        params: rawParams(document, operation),
        ...(body !== undefined && { body }),
        ...(!isJson(operation) && { parseAs: 'text' }),
      });
      expect(response.status).toBe(success.status);
      expect(lastRequest()).toMatchObject({ status: success.status, apiVersion });
    });
  });

  it('raw: a path the spec does not describe is answered 404', async () => {
    const response = await send('GET', '/v1/no-such-path', { parseAs: 'text' });
    expect(response.status).toBe(404);
  });
});
