/** Holds every bundled version of the SKE description to SCP's product documentation (the seed). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, manifest, type OpenApiDocument, type SkeVersion, versions } from './index.js';
import { parseSeed, type SeedVersion } from './seed-parser.js';

const seedText = readFileSync(
  new URL('../../../spec/ske/seed/show-cluster-user-kubeconfig.txt', import.meta.url),
  'utf8',
);
const seed = parseSeed(seedText);

type Operation = {
  operationId: string;
  description: string;
  parameters: {
    name: string;
    in: string;
    required?: boolean;
    schema: { type?: string; enum?: string[]; const?: string };
    example?: string;
  }[];
  responses: Record<string, unknown>;
  'x-scp-lifecycle': { apiVersion: string; state: string; notBefore: string | null };
  'x-scp-example-request': { path: string; headers: Record<string, string> };
  'x-scp-provenance': { source: string; confirmed: string[] };
};

function operationOf(document: OpenApiDocument, seedVersion: SeedVersion): Operation {
  const pathItem = document.paths[seedVersion.path];
  expect(pathItem, `path ${seedVersion.path}`).toBeDefined();
  const operation = pathItem?.[seedVersion.method.toLowerCase()];
  expect(operation, `${seedVersion.method} ${seedVersion.path}`).toBeDefined();
  return operation as Operation;
}

it('the seed documents exactly the versions the spec describes', () => {
  expect([...seed.keys()].sort()).toEqual([...versions]);
});

describe.each(versions.map((version) => [version] as [SkeVersion]))('ske %s against the seed', (version) => {
  const expected = seed.get(version) as SeedVersion;
  const load = () => loadDocument(version, 'dereferenced');

  it('has the path, method and description', async () => {
    const operation = operationOf(await load(), expected);
    expect(operation.operationId).toBe('showClusterUserKubeconfig');
    expect(operation.description.split('\n')[0]).toBe(`${expected.description}.`);
  });

  it('names the seed as its provenance, confirmed for every version the seed documents', async () => {
    const operation = operationOf(await load(), expected);
    expect(operation['x-scp-provenance']).toMatchObject({ source: 'seed', confirmed: [...seed.keys()].sort() });
  });

  it('has every seed parameter with its location, requiredness, type, enum and example', async () => {
    const operation = operationOf(await load(), expected);
    for (const parameter of expected.parameters) {
      const actual = operation.parameters.find((candidate) => candidate.name === parameter.name);
      expect(actual, `parameter ${parameter.name}`).toBeDefined();
      expect(actual?.in, `${parameter.name} location`).toBe(parameter.in);
      expect(actual?.required ?? false, `${parameter.name} required`).toBe(parameter.required);
      expect(actual?.schema.type, `${parameter.name} type`).toBe(parameter.schema);
      expect(actual?.schema.enum, `${parameter.name} enum`).toEqual(parameter.enum);
      expect(actual?.example, `${parameter.name} example`).toBe(parameter.example);
    }
    // The version header is required too: the seed sends it with every example request (checked below).
    const required = operation.parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
    expect(required.sort()).toEqual(
      [...expected.parameters.map((parameter) => parameter.name), 'Scp-Api-Version'].sort(),
    );
  });

  it('declares every seed response code, plus only the gateway ones', async () => {
    const operation = operationOf(await load(), expected);
    const codes = Object.keys(operation.responses);
    expect(codes).toEqual(expect.arrayContaining(expected.responses));
    const extra = codes.filter((code) => !expected.responses.includes(code));
    expect(extra.sort()).toEqual(['401', '406']);
    for (const code of extra) {
      expect(operation.responses[code], `${code} is marked as a gateway response`).toMatchObject({
        'x-scp-gateway-response': true,
      });
    }
  });

  it('carries the Scp-Api-Version value and the seed example request headers', async () => {
    const operation = operationOf(await load(), expected);
    const header = expected.headers['Scp-Api-Version'];
    expect(header).toBe(`ske ${version}`);
    const parameter = operation.parameters.find((candidate) => candidate.name === 'Scp-Api-Version');
    expect(parameter?.required).toBe(true);
    expect(parameter?.schema.const).toBe(header);
    expect(operation['x-scp-lifecycle'].apiVersion).toBe(header);
    const example = operation['x-scp-example-request'].headers;
    for (const [name, value] of Object.entries(expected.headers)) {
      const actual = Object.entries(example).find(([candidate]) => candidate.toLowerCase() === name.toLowerCase());
      expect(actual?.[1], `example header ${name}`).toBe(value);
    }
  });

  it('has the lifecycle state and Not Before date, in the document and in the manifest', async () => {
    const document = await load();
    const lifecycle = { state: expected.state, notBefore: expected.notBefore };
    expect(document.info['x-scp-lifecycle']).toMatchObject(lifecycle);
    expect(operationOf(document, expected)['x-scp-lifecycle']).toMatchObject(lifecycle);
    expect(manifest.versions.find((entry) => entry.version === version)).toMatchObject(lifecycle);
  });
});
