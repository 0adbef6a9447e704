/**
 * Request bodies: JSON only, at most 1 MiB, valid against the version's schema with unknown fields
 * refused; every problem named at once, by JSON pointer, with what was expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemaCompiler } from './ajv.js';
import type { Emulator } from './emulator.js';
import { BODY_LIMIT_BYTES, checkBody, closeSchema, compileRequestBody, describeBodyErrors } from './request-body.js';
import { clusterBody, nodepoolBody, startOnTestClock } from './testing/bodies.js';
import { conformanceProblems } from './testing/conformance.js';
import { firstError, signedCaller } from './testing/signed-call.js';

const DEMO = '70a599e031e749b7b260868f441e862b';

let emulator: Emulator;
beforeAll(async () => {
  ({ emulator } = await startOnTestClock());
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);

async function refused(path: string, body: unknown, version = 'ske 1.3', method = 'POST') {
  const { response, body: text } = await call(path, { method, body, version });
  expect(response.status, text).toBe(400);
  const error = firstError(text);
  expect(error.code).toBe('ValidationError');
  expect(
    await conformanceProblems('1.3', 400, 'application/json', text, path.replace(DEMO, '{cluster_id}'), method),
  ).toEqual([]);
  return error.detail as string[];
}

describe('closeSchema', () => {
  it('closes every object schema, leaving allOf members to their parent, and the original as it was', () => {
    const member = { type: 'object', properties: { a: { type: 'string' } } };
    const schema = {
      type: 'object',
      properties: { inner: { type: ['object', 'null'], properties: { b: {} } }, list: { items: member } },
      allOf: [member],
    };
    const closed = closeSchema(schema) as typeof schema & Record<string, unknown>;
    expect(closed.unevaluatedProperties).toBe(false);
    expect(closed.properties.inner).toMatchObject({ unevaluatedProperties: false });
    expect(closed.properties.list.items).toMatchObject({ unevaluatedProperties: false });
    expect(closed.allOf[0]).not.toHaveProperty('unevaluatedProperties');
    expect(schema).not.toHaveProperty('unevaluatedProperties');
    const keepsOwn = closeSchema({ type: 'object', additionalProperties: true }) as Record<string, unknown>;
    expect(keepsOwn).not.toHaveProperty('unevaluatedProperties');
  });
});

describe('checkBody', () => {
  const spec = compileRequestBody(
    {
      required: true,
      content: {
        'application/json': {
          schema: {
            title: 'Thing',
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', pattern: '^[a-z]+$' },
              size: { type: ['integer', 'null'], minimum: 1 },
              mode: { allOf: [{ type: 'string', enum: ['a', 'b'] }] },
              extra: {
                oneOf: [{ type: 'object', properties: { n: { type: 'integer', maximum: 5 } } }, { type: 'null' }],
              },
            },
          },
        },
      },
    },
    createSchemaCompiler({ allErrors: true }),
  );
  if (!spec) throw new Error('no body');

  it('answers the value when it is valid', () => {
    expect(checkBody(spec, '{"name":"ok","size":null,"extra":null}', 'ske 1.3')).toEqual({
      value: { name: 'ok', size: null, extra: null },
    });
  });

  it('names every problem, without the noise of a nullable alternative', () => {
    const answer = checkBody(spec, '{"size":0,"mode":"c","extra":{"n":9,"m":1},"other":true}', 'ske 1.0');
    expect(answer).toEqual({
      status: 400,
      code: 'ValidationError',
      detail: [
        'body/name is required.',
        'body/size must be >= 1.',
        'body/mode must be one of a, b.',
        'body/extra/n must be <= 5.',
        'body/extra/m is not a field ske 1.0 accepts.',
        'body/other is not a field ske 1.0 accepts.',
      ],
    });
  });

  it('refuses an empty body when one is required, and text that is not JSON', () => {
    expect(checkBody(spec, '  ', 'ske 1.3')).toMatchObject({ detail: ['The request body is required: a JSON Thing.'] });
    expect(checkBody(spec, '{"name":', 'ske 1.3')).toMatchObject({ detail: ['The request body is not valid JSON.'] });
  });

  it('says what a JSON body must be at its root, and escapes pointers', () => {
    expect(checkBody(spec, '[1]', 'ske 1.3')).toMatchObject({ detail: ['body must be object.'] });
    expect(
      describeBodyErrors(
        [{ keyword: 'required', instancePath: '', schemaPath: '', params: { missingProperty: 'a/b~c' } }],
        'ske 1.3',
      ),
    ).toEqual(['body/a~1b~0c is required.']);
  });
});

describe('request bodies over HTTP', () => {
  it('names every bad field of a createCluster body at once', async () => {
    const detail = await refused('/v1/clusters', {
      name: 'X',
      kubernetes_version: '1.30',
      vpc_id: 7,
      security_group_id_list: 'sg',
      cloud_logging_enabled: 'yes',
      private_endpoint_access_control_resources: [{ id: 'vm-1', name: 'b', type: 'vm', owner: 'me' }],
    });
    expect(detail).toEqual([
      'body/subnet_id is required.',
      'body/volume_id is required.',
      'body/service_watch_logging_enabled is required.',
      'body/name must NOT have fewer than 3 characters.',
      'body/name must match ^[a-z][a-z0-9\\-]*[a-z0-9]$.',
      'body/kubernetes_version must match ^v[0-9]{1}\\.[0-9]{1,2}\\.[0-9]{1,2}$.',
      'body/vpc_id must be string.',
      'body/security_group_id_list must be array.',
      'body/cloud_logging_enabled must be boolean.',
      'body/private_endpoint_access_control_resources/0/owner is not a field ske 1.3 accepts.',
    ]);
  });

  it('names nested problems of a createNodepool body (advanced settings, labels, taints)', async () => {
    const detail = await refused('/v1/nodepools', {
      ...nodepoolBody(DEMO),
      volume_size: '104',
      labels: [{ key: 'bad key!' }],
      taints: [{ key: 'k', effect: 'Sometimes' }],
      advanced_settings: { max_pods: 5000, container_log_max_files: 5 },
    });
    expect(detail).toEqual(
      expect.arrayContaining([
        'body/volume_size must be integer.',
        expect.stringMatching(/^body\/labels\/0\/key must match /),
        'body/taints/0/effect must be one of NoSchedule, NoExecute, PreferNoSchedule.',
        'body/advanced_settings/max_pods must be <= 250.',
        'body/advanced_settings/container_log_max_size is required.',
      ]),
    );
    expect(detail.join('\n')).not.toMatch(/must be null|oneOf/);
  });

  it.each([
    [
      '/v1/clusters',
      { ...clusterBody('ske 1.0'), service_watch_logging_enabled: true },
      ['service_watch_logging_enabled'],
    ],
    [
      '/v1/nodepools',
      { ...nodepoolBody(DEMO), server_group_id: 'sg-1', advanced_settings: null, linked_resources: [] },
      ['server_group_id', 'advanced_settings', 'linked_resources'],
    ],
  ])('refuses in ske 1.0 the fields ske 1.1 and later added (%s), naming each', async (path, body, fields) => {
    const detail = await refused(path, body, 'ske 1.0');
    expect(detail).toEqual(fields.map((field) => `body/${field} is not a field ske 1.0 accepts.`));
  });

  it('refuses linked_resources in ske 1.2, and accepts it in ske 1.3', async () => {
    const body = {
      ...nodepoolBody(DEMO, 'linked'),
      linked_resources: [{ id: 'fs-1', name: 'files', type: 'filestorage' }],
    };
    expect(await refused('/v1/nodepools', body, 'ske 1.2')).toEqual([
      'body/linked_resources is not a field ske 1.2 accepts.',
    ]);
    const { response } = await call('/v1/nodepools', { method: 'POST', body });
    expect(response.status).toBe(200);
  });

  it('answers a missing body 400, a body that is not JSON 415, and one over 1 MiB 413', async () => {
    const missing = await call('/v1/clusters', { method: 'POST' });
    expect(missing.response.status).toBe(400);
    expect(firstError(missing.body).detail).toEqual(['The request body is required: a JSON ClusterCreateRequest.']);
    const text = await call(`/v1/clusters/${DEMO}/logging`, {
      method: 'PUT',
      body: 'cloud_logging_enabled=true',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(text.response.status).toBe(415);
    expect(firstError(text.body)).toMatchObject({ code: 'UnsupportedMediaType', status: 415 });
    const large = JSON.stringify({ cloud_logging_enabled: true, padding: 'x'.repeat(BODY_LIMIT_BYTES) });
    const tooLarge = await call(`/v1/clusters/${DEMO}/logging`, { method: 'PUT', body: large });
    expect(tooLarge.response.status).toBe(413);
    expect(firstError(tooLarge.body)).toMatchObject({ code: 'PayloadTooLarge', status: 413 });
    const broken = await call(`/v1/clusters/${DEMO}/logging`, { method: 'PUT', body: '{"cloud_logging_enabled":' });
    expect(firstError(broken.body).detail).toEqual(['The request body is not valid JSON.']);
    // Nothing was changed.
    const shown = JSON.parse((await call(`/v1/clusters/${DEMO}`)).body).cluster;
    expect(shown).toMatchObject({ status: 'RUNNING', cloud_logging_enabled: false });
  });

  it('accepts JSON with a charset, and ignores a body sent to an operation that takes none', async () => {
    const withCharset = await call(`/v1/clusters/${DEMO}/logging`, {
      method: 'PUT',
      body: { cloud_logging_enabled: true },
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.response.status).toBe(202);
    const upgrade = await call('/v1/nodepools/bdfda539-bd2e-4a5c-9021-ec6d52d1ca79/upgrade', {
      method: 'PUT',
      body: 'ignored',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(upgrade.response.status, upgrade.body).toBe(400);
    expect(firstError(upgrade.body).code).toBe('InvalidState');
  });
});
