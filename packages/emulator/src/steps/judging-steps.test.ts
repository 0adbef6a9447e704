/**
 * The steps that judge a request, on an Exchange of this process (no server): the signature step signs
 * the URL as received, the version step reads the emulator's clock, the parameters step reads the
 * route's parameters, each failing in SCP's envelope and recording what it read.
 */
import type { IncomingMessage } from 'node:http';
import { computeSignature } from '@scp-ske/signing';
import { loadDocument, type Manifest, manifest } from '@scp-ske/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../ajv.js';
import { DEMO_CREDENTIALS, type EmulatorCredentials } from '../fixtures.js';
import { compileParameter } from '../parameters.js';
import { Exchange } from '../pipeline.js';
import { compileRoutes, matchRoute, type Route } from '../routes.js';
import { checkSignature } from './check-signature.js';
import { pickVersion } from './pick-version.js';
import { validateParameters } from './validate-parameters.js';

const NOW = Date.parse('2026-11-29T09:00:00Z');
const [demo] = DEMO_CREDENTIALS as [EmulatorCredentials];

function exchange(url: string | undefined, headers: Record<string, string | string[]>, method = 'GET'): Exchange {
  return new Exchange({ method, url, headers } as unknown as IncomingMessage);
}

/** The signing headers for `signedUrl`. */
function signed(signedUrl: string, method = 'GET'): Record<string, string> {
  const timestamp = String(NOW);
  return {
    'scp-accesskey': demo.accessKey,
    'scp-timestamp': timestamp,
    'scp-clienttype': 'Openapi',
    'scp-signature': computeSignature({ method, url: signedUrl, timestamp, ...demo }),
  };
}

describe('checkSignature', () => {
  const step = checkSignature({
    clock: () => NOW,
    windowMs: 300_000,
    credentials: new Map([[demo.accessKey, demo]]),
    baseUrl: () => 'http://127.0.0.1:9999',
  });

  it('signs an origin-form target behind http:// and the Host header, and records the caller and the clock', () => {
    const ready = exchange('/v1/clusters?size=1', {
      host: 'ske.example:8080',
      ...signed('http://ske.example:8080/v1/clusters?size=1'),
    });
    expect(step(ready)).toBeUndefined();
    expect(ready.caller).toBe(demo);
    expect(ready.nowMs).toBe(NOW);
  });

  it('signs an absolute-form target as it is, its authority winning over Host', () => {
    const url = 'http://proxy.example/v1/clusters';
    expect(step(exchange(url, { host: 'ske.example:8080', ...signed(url) }))).toBeUndefined();
  });

  it("takes the emulator's own address when there is no Host header (HTTP/1.0)", () => {
    expect(step(exchange('/v1/clusters', signed('http://127.0.0.1:9999/v1/clusters')))).toBeUndefined();
  });

  it('reads a missing target as /', () => {
    expect(step(exchange(undefined, { host: 'h:1', ...signed('http://h:1/') }))).toBeUndefined();
  });

  it('answers 401 in the envelope, naming the check, and records no caller', () => {
    const refused = exchange('/v1/clusters', { host: 'other:1', ...signed('http://h:1/v1/clusters') });
    const reply = step(refused);
    expect(reply).toMatchObject({ status: 401, code: 'SignatureMismatch', contentType: 'application/json' });
    expect(JSON.parse((reply as { body: string }).body).errors[0]).toMatchObject({ code: 'SignatureMismatch' });
    expect(refused.caller).toBeUndefined();
  });
});

describe('pickVersion', () => {
  const step = pickVersion(manifest as Manifest);
  const deprecated = manifest.versions.find((entry) => entry.state === 'DEPRECATED' && entry.notBefore !== null);

  it('records the version the header names, and the CURRENT one without a header', () => {
    const named = exchange('/', { 'scp-api-version': `ske ${manifest.current}` });
    named.nowMs = NOW;
    expect(step(named)).toBeUndefined();
    expect(named.version).toMatchObject({ version: manifest.current });
    expect(named.record.apiVersion).toBe(`ske ${manifest.current}`);
    const none = exchange('/', {});
    none.nowMs = NOW;
    expect(step(none)).toBeUndefined();
    expect(none.version).toMatchObject({ version: manifest.current });
    expect(none.record.apiVersion).toBe(none.version.apiVersion);
  });

  it("judges the version on the emulator's clock of the exchange, answering 406 in the envelope", () => {
    if (!deprecated?.notBefore) throw new Error('the manifest has no DEPRECATED version with a Not Before date');
    const notBefore = Date.parse(`${deprecated.notBefore}T00:00:00Z`);
    const before = exchange('/', { 'scp-api-version': deprecated.apiVersion });
    before.nowMs = notBefore - 86_400_000;
    expect(step(before)).toBeUndefined();
    const after = exchange('/', { 'scp-api-version': deprecated.apiVersion });
    after.nowMs = notBefore + 86_400_000;
    expect(step(after)).toMatchObject({ status: 406, code: 'NoSuchVersion' });
    expect(after.version).toBeUndefined();
  });
});

describe('validateParameters', () => {
  let routes: Route[];
  beforeAll(async () => {
    routes = compileRoutes(await loadDocument('1.3', 'dereferenced'), createSchemaCompiler());
  });
  const matched = (search: string) => {
    const ready = exchange(`/v1/clusters${search}`, {});
    ready.search = search;
    ready.matched = matchRoute(routes, 'GET', '/v1/clusters') as Exchange['matched'];
    return ready;
  };

  it('records the decoded values', () => {
    const ready = matched('?size=20&status=RUNNING');
    expect(validateParameters(ready)).toBeUndefined();
    expect(ready.parameters).toEqual({ path: {}, query: { size: 20, status: ['RUNNING'] } });
  });

  it('reads a header parameter by its name in lower case, as Node keys headers', () => {
    const tenant = compileParameter(
      { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
      createSchemaCompiler(),
    );
    const route = { ...(matchRoute(routes, 'GET', '/v1/clusters') as Exchange['matched']).route, parameters: [tenant] };
    const withHeader = exchange('/v1/clusters', { 'x-tenant': 't-1' });
    withHeader.search = '';
    withHeader.matched = { route, params: {} };
    expect(validateParameters(withHeader)).toBeUndefined();
    const without = exchange('/v1/clusters', {});
    without.search = '';
    without.matched = { route, params: {} };
    expect(validateParameters(without)).toMatchObject({ status: 400, code: 'ValidationError' });
  });

  it('answers 400 in the envelope for a bad value, recording none', () => {
    const ready = matched('?size=-1');
    expect(validateParameters(ready)).toMatchObject({ status: 400, contentType: 'application/json' });
    expect(ready.parameters).toBeUndefined();
  });
});
