/**
 * Parameters as the spec declares them: decoding by schema, a repeated single-value key refused,
 * header parameters checked (Accept-Language as content negotiation, Scp-Api-Version left to the
 * version step); and the same over HTTP, against an emulator, in SCP's envelope.
 */
import { createSignedFetch } from '@scp-ske/signing';
import { loadDocument } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemaCompiler } from './ajv.js';
import { type Emulator, startEmulator } from './emulator.js';
import { DEMO_CREDENTIALS } from './fixtures.js';
import { compileParameter, type Parameters, readParameters } from './parameters.js';
import { compileRoutes, type Route } from './routes.js';

let routes: Route[];
beforeAll(async () => {
  routes = compileRoutes(await loadDocument('1.3', 'dereferenced'), createSchemaCompiler());
});

const routeOf = (operationId: string) => routes.find((route) => route.operationId === operationId) as Route;
const read = (operationId: string, query: string, path: Record<string, string> = {}) =>
  readParameters(routeOf(operationId).parameters, { path, query: new URLSearchParams(query), header: () => undefined });

describe('readParameters', () => {
  it('decodes by schema: integers, a query key given once or repeated is an array where the schema takes one', () => {
    expect(
      read('listClusters', 'size=20&page=0&status=RUNNING&kubernetes_version=v1.29.8&kubernetes_version=v1.30.4'),
    ).toEqual({
      path: {},
      query: { size: 20, page: 0, status: ['RUNNING'], kubernetes_version: ['v1.29.8', 'v1.30.4'] },
    });
    expect(read('listClusters', 'status=RUNNING&status=CREATING')).toMatchObject({
      query: { status: ['RUNNING', 'CREATING'] },
    });
    expect(read('listClusters', '')).toEqual({ path: {}, query: {} });
  });

  it('refuses a repeated key whose schema takes one value, naming it, whatever its values', () => {
    const id = '70a599e031e749b7b260868f441e862b';
    expect(
      read('showClusterUserKubeconfig', 'kubeconfig_type=private&kubeconfig_type=public', { cluster_id: id }),
    ).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['kubeconfig_type (query) must be given once, not repeated.'],
    });
    expect(read('listClusters', 'size=1&size=1&page=0&status=RUNNING&status=ERROR')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['size (query) must be given once, not repeated.'],
    });
  });

  it('names every bad parameter at once', () => {
    expect(read('listClusters', 'size=-1&page=x&name=Bad_Name')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: [
        'size (query) must be >= 0.',
        'page (query) must be integer,null.',
        'name (query) must match ^[a-z0-9\\-]*$.',
      ],
    });
  });
});

describe('header parameters', () => {
  const compile = createSchemaCompiler();
  const required = compileParameter(
    { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', pattern: '^t-' } },
    compile,
  );
  const optional = compileParameter(
    { name: 'Accept-Language', in: 'header', schema: { type: 'string', enum: ['en-US', 'ko-KR'] } },
    compile,
  );
  const readHeaders = (headers: Record<string, string>) => {
    const asked: string[] = [];
    const answer = readParameters([required, optional], {
      path: {},
      query: new URLSearchParams(),
      header: (name) => {
        asked.push(name);
        return headers[name];
      },
    });
    return { answer, asked };
  };

  it('checks a required one: missing, or against its schema', () => {
    expect(readHeaders({ 'X-Tenant': 't-1' })).toEqual({
      answer: { path: {}, query: {} },
      asked: ['X-Tenant', 'Accept-Language'],
    });
    expect(readHeaders({}).answer).toMatchObject({ detail: ['X-Tenant (header) is required.'] });
    expect(readHeaders({ 'X-Tenant': 'x' }).answer).toMatchObject({ detail: ['X-Tenant (header) must match ^t-.'] });
  });

  it('checks an optional one with an enum like any other parameter', () => {
    const mode = compileParameter(
      { name: 'X-Mode', in: 'header', schema: { type: 'string', enum: ['fast', 'safe'] } },
      compile,
    );
    const readMode = (value: string | undefined) =>
      readParameters([mode], { path: {}, query: new URLSearchParams(), header: () => value });
    expect(readMode(undefined)).toEqual({ path: {}, query: {} });
    expect(readMode('safe')).toEqual({ path: {}, query: {} });
    expect(readMode('slow')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['X-Mode (header) must be one of fast, safe.'],
    });
  });

  it.each(['en-US', 'ko-KR', '*', 'en-US,en;q=0.9', 'fr', 'ja-JP, ko;q=0.5, *;q=0.1', ''])(
    'accepts Accept-Language %j: content negotiation, answered in en-US when none is offered',
    (value) => {
      expect(readHeaders({ 'X-Tenant': 't-1', 'Accept-Language': value }).answer).toEqual({ path: {}, query: {} });
    },
  );

  it.each(['en_US', 'en-US;q=2', 'englishlanguage', '<script>', 'en-US;level=1'])(
    'refuses Accept-Language %j, which is no list of language ranges, with 400 naming it',
    (value) => {
      expect(readHeaders({ 'X-Tenant': 't-1', 'Accept-Language': value }).answer).toEqual({
        status: 400,
        code: 'ValidationError',
        detail: ['Accept-Language (header) must be a list of language ranges, e.g. en-US or ko-KR,en;q=0.8.'],
      });
    },
  );

  it('leaves Scp-Api-Version to the version step: not even read here', () => {
    const version = compileParameter(
      { name: 'Scp-Api-Version', in: 'header', required: true, schema: { type: 'string', const: 'ske 1.3' } },
      compile,
    );
    const asked: string[] = [];
    const answer = readParameters([version], {
      path: {},
      query: new URLSearchParams(),
      header: (name) => {
        asked.push(name);
        return undefined;
      },
    });
    expect(answer).toEqual({ path: {}, query: {} });
    expect(asked).toEqual([]);
  });

  it('tells the judgement of each header by its name in any case, and judges path and query values by schema', () => {
    const judgement = (name: string, where: 'header' | 'query' = 'header') =>
      compileParameter({ name, in: where, schema: { type: 'string' } }, compile).judgement;
    expect(judgement('SCP-API-VERSION')).toBe('judged');
    expect(judgement('accept-language')).toBe('negotiated');
    expect(judgement('X-Mode')).toBe('schema');
    expect(judgement('Accept-Language', 'query')).toBe('schema');
    expect(judgement('Scp-Api-Version', 'query')).toBe('schema');
  });
});

describe('compileRoutes', () => {
  it("reads each operation's IAM action, access level, success status and type from the spec", () => {
    const table = Object.fromEntries(
      routes.map((route) => [
        route.operationId,
        [route.actionId, route.accessLevel, route.response.status, route.response.contentType],
      ]),
    );
    expect(table).toMatchObject({
      listClusters: ['ske:ListClusters', 'LIST', 200, 'application/json'],
      createCluster: ['ske:CreateCluster', 'CREATE', 202, 'application/json'],
      showCluster: ['ske:ShowCluster', 'READ', 200, 'application/json'],
      createClusterKubeconfig: ['ske:CreateClusterAdminKubeconfig', 'CREATE', 200, 'application/yaml'],
      showClusterUserKubeconfig: ['ske:ShowClusterUserKubeconfig', 'READ', 200, 'application/yaml'],
      setClusterSecurityGroups: ['ske:SetClusterSecurityGroups', 'UPDATE', 202, 'application/json'],
      createNodepool: ['ske:CreateNodepool', 'CREATE', 200, 'application/json'],
      deleteNodepool: ['ske:DeleteNodepool', 'DELETE', 202, 'application/json'],
    });
    expect(routes).toHaveLength(22);
  });

  it('reads the request body, and what the spec says about state, where the operation has them', () => {
    expect(routeOf('createCluster').requestBody).toMatchObject({ required: true, title: 'ClusterCreateRequest' });
    expect(routeOf('setNodepoolUpgrade').requestBody).toBeUndefined();
    expect(routeOf('createCluster').stateChange).toMatchObject({ resource: 'cluster', kind: 'create' });
    expect(routeOf('showNodepool').resource).toBe('nodepool');
    expect(routeOf('listNodepoolNodes').pagination).toEqual({ items: 'nodes' });
  });
});

describe('readParameters decodes by each schema', () => {
  const compile = createSchemaCompiler();
  const readOne = (
    schema: object | undefined,
    query: string,
    options: { in?: 'query' | 'path'; path?: Record<string, string>; required?: boolean } = {},
  ) => {
    const parameter = compileParameter(
      { name: 'p', in: options.in ?? 'query', required: options.required, ...(schema && { schema }) },
      compile,
    );
    return readParameters([parameter], {
      path: options.path ?? {},
      query: new URLSearchParams(query),
      header: () => undefined,
    });
  };
  const decoded = (answer: ReturnType<typeof readOne>, where: 'query' | 'path' = 'query') =>
    'code' in answer ? answer : (answer as Parameters)[where].p;

  it('reads digits as an integer where the schema takes one, and keeps other text as text', () => {
    expect(decoded(readOne({ type: 'integer' }, 'p=-12'))).toBe(-12);
    expect(decoded(readOne({ type: ['integer', 'string'] }, 'p=1.5'))).toBe('1.5');
    expect(decoded(readOne({ type: 'string' }, 'p=12'))).toBe('12');
  });

  it('reads a number, with a fraction and an exponent, where the schema takes one', () => {
    expect(decoded(readOne({ type: 'number' }, 'p=-1.25e%2B2'))).toBe(-125);
    expect(decoded(readOne({ type: 'number' }, 'p=3'))).toBe(3);
    expect(decoded(readOne({ type: ['number', 'string'] }, 'p=1.'))).toBe('1.');
    expect(decoded(readOne({ type: ['number', 'string'] }, 'p=e5'))).toBe('e5');
  });

  it('reads true and false as booleans where the schema takes one, and nothing else', () => {
    expect(decoded(readOne({ type: 'boolean' }, 'p=true'))).toBe(true);
    expect(decoded(readOne({ type: 'boolean' }, 'p=false'))).toBe(false);
    expect(decoded(readOne({ type: ['boolean', 'string'] }, 'p=True'))).toBe('True');
    expect(decoded(readOne({ type: 'string' }, 'p=true'))).toBe('true');
  });

  it('reads each type of a list of types', () => {
    expect(decoded(readOne({ type: ['integer', 'null'] }, 'p=7'))).toBe(7);
    expect(decoded(readOne({ type: ['null', 'boolean'] }, 'p=true'))).toBe(true);
  });

  it('reads one value of a key as that value, not an array of it, where the schema takes either', () => {
    for (const [type, raw, value] of [
      ['string', 'a', 'a'],
      ['integer', '4', 4],
      ['number', '2.5', 2.5],
      ['boolean', 'true', true],
    ] as const) {
      const schema = { anyOf: [{ type: 'array', items: { type } }, { type }] };
      expect(decoded(readOne(schema, `p=${raw}`)), type).toBe(value);
      expect(decoded(readOne(schema, `p=${raw}&p=${raw}`)), type).toEqual([value, value]);
    }
  });

  it('reads no cookie parameter from the headers: a required one is missing', () => {
    const parameter = compileParameter(
      { name: 'p', in: 'cookie', required: true, schema: { type: 'string' } },
      compile,
    );
    expect(readParameters([parameter], { path: {}, query: new URLSearchParams(), header: () => 'x' })).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['p (cookie) is required.'],
    });
  });

  it('reads the types of anyOf and oneOf branches', () => {
    expect(decoded(readOne({ anyOf: [{ type: 'integer' }, { type: 'null' }] }, 'p=7'))).toBe(7);
    expect(decoded(readOne({ oneOf: [{ type: 'boolean' }, { type: 'null' }] }, 'p=false'))).toBe(false);
  });

  it('takes any value as one value where the schema lists no type, and refuses it repeated', () => {
    expect(decoded(readOne({}, 'p=a'))).toBe('a');
    expect(decoded(readOne(undefined, 'p=x'))).toBe('x');
    expect(readOne({}, 'p=a&p=b')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['p (query) must be given once, not repeated.'],
    });
  });

  it('reads one value of a key whose schema is neither a scalar nor an array as text (which then fails)', () => {
    expect(readOne({ type: 'object' }, 'p=x')).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['p (query) must be object.'],
    });
  });

  it('reads a repeated key as an array, its items decoded by the items schema, found in a branch too', () => {
    expect(decoded(readOne({ type: 'array', items: { type: 'integer' } }, 'p=1&p=2'))).toEqual([1, 2]);
    expect(decoded(readOne({ type: 'array', items: { type: 'integer' } }, 'p=1'))).toEqual([1]);
    expect(
      decoded(readOne({ anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] }, 'p=1&p=2')),
    ).toEqual([1, 2]);
    expect(
      decoded(readOne({ oneOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] }, 'p=4')),
    ).toBe(4);
    expect(decoded(readOne({ type: 'array', items: { type: 'integer' } }, ''))).toBeUndefined();
  });

  it('decodes a path value by its schema, and names a missing required one', () => {
    expect(decoded(readOne({ type: 'integer' }, '', { in: 'path', path: { p: '42' } }), 'path')).toBe(42);
    expect(readOne({ type: 'integer' }, '', { in: 'path', required: true })).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: ['p (path) is required.'],
    });
    expect(readOne({ type: 'integer' }, '', { in: 'path' })).toEqual({ path: {}, query: {} });
  });

  it('says what a bad value must be: one of an enum, a pattern, a constant, or what the schema says', () => {
    const detail = (schema: object, query: string) => (readOne(schema, query) as { detail: string[] }).detail;
    expect(detail({ type: 'string', enum: ['a', 'b'] }, 'p=c')).toEqual(['p (query) must be one of a, b.']);
    expect(detail({ type: 'string', pattern: '^x' }, 'p=c')).toEqual(['p (query) must match ^x.']);
    expect(detail({ const: 'x' }, 'p=c')).toEqual(['p (query) must be x.']);
    expect(detail({ const: false, type: 'boolean' }, 'p=true')).toEqual(['p (query) must be false.']);
    expect(detail({ type: 'integer', maximum: 3 }, 'p=4')).toEqual(['p (query) must be <= 3.']);
  });
});

describe("over HTTP, in SCP's envelope", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const signed = createSignedFetch({
      credentials: DEMO_CREDENTIALS[0] as (typeof DEMO_CREDENTIALS)[0],
      now: () => emulator.now(),
      retry: { maxRetries: 0 },
    });
    const response = await signed(`${emulator.url}${path}`, { headers: { 'Scp-Api-Version': 'ske 1.3', ...headers } });
    return { status: response.status, body: await response.text() };
  };
  const id = '70a599e031e749b7b260868f441e862b';

  it.each([
    ['/v1/clusters?size=1&size=2', 'size'],
    [`/v1/clusters/${id}/user-kubeconfig?kubeconfig_type=private&kubeconfig_type=public`, 'kubeconfig_type'],
    [`/v1/clusters/${id}/kubeconfig?kubeconfig_type=private&kubeconfig_type=private`, 'kubeconfig_type'],
  ])('answers %s with 400 ValidationError naming the repeated key', async (path, name) => {
    const { status, body } = await call(path);
    expect(status).toBe(400);
    expect(JSON.parse(body).errors[0]).toMatchObject({
      code: 'ValidationError',
      status: 400,
      detail: [`${name} (query) must be given once, not repeated.`],
    });
  });

  it('still reads a repeated key where the schema takes a list', async () => {
    const { status, body } = await call('/v1/clusters?status=RUNNING&status=ERROR');
    expect(status).toBe(200);
    expect(JSON.parse(body).clusters.length).toBeGreaterThan(0);
  });

  it('answers a well-formed Accept-Language it does not offer in en-US, and refuses a malformed one', async () => {
    const path = `/v1/clusters/${id}/user-kubeconfig?kubeconfig_type=private`;
    for (const language of ['ko-KR', '*', 'en-US,en;q=0.9', 'fr-FR']) {
      expect((await call(path, { 'Accept-Language': language })).status, language).toBe(200);
    }
    const { status, body } = await call(path, { 'Accept-Language': 'en_US' });
    expect(status).toBe(400);
    expect(JSON.parse(body).errors[0]).toMatchObject({
      code: 'ValidationError',
      detail: ['Accept-Language (header) must be a list of language ranges, e.g. en-US or ko-KR,en;q=0.8.'],
    });
  });
});
