import { OPERATIONS } from '@scp-ske/client-1.3';
import { declaredDifferences, loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import {
  absentOperation,
  declaredReason,
  explainAnswer,
  explainRefusedBody,
  missingRequired,
  narrowAnswer,
} from './declared.js';
import { type CompatOperation, catalogOf } from './operations.js';
import { type Outcome, successOutcome } from './outcome.js';

const documents: Record<string, OpenApiDocument> = {};
for (const entry of manifest.versions) documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
const declared = declaredDifferences(documents);
const current = catalogOf(OPERATIONS, documents['1.3'] as OpenApiDocument);
const operation = (id: string) => current.find((one) => one.id === id) as CompatOperation;
/** The operation's example answer in `version`'s document: what a version's emulator answers. */
type Described = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
};
const exampleAnswer = (version: string, id: string): unknown => {
  const found = catalogOf(OPERATIONS, documents[version] as OpenApiDocument).find((one) => one.id === id);
  for (const item of Object.values((documents[version] as OpenApiDocument).paths)) {
    for (const described of Object.values(item) as Described[]) {
      if (described.operationId !== id) continue;
      return described.responses[String(found?.success.status)]?.content?.['application/json']?.example;
    }
  }
  return undefined;
};

describe('an operation a version does not have', () => {
  it('is explained by its x-scp-since, with strength and evidence', () => {
    const declaration = absentOperation(declared, 'setClusterServiceWatchLogging', '1.0');
    expect(declaration).toMatchObject({ version: '1.1', strength: 'strong' });
    expect(declaredReason(declaration as never)).toMatch(
      /^setClusterServiceWatchLogging: added in ske 1\.1 \(strong: SCP's Terraform provider v2\.0\.3 calls/,
    );
    expect(absentOperation(declared, 'setClusterServiceWatchLogging', '1.1')).toBeUndefined();
    expect(absentOperation(declared, 'showCluster', '1.0')).toBeUndefined();
  });
});

describe('an answer without the fields a later version adds', () => {
  it('is the reference answer less exactly the declared properties the version lacks', async () => {
    const reference = exampleAnswer('1.3', 'showNodepool');
    const { answer, left } = narrowAnswer(reference, operation('showNodepool').answerSchema, '1.0', declared);
    expect(answer).toEqual(exampleAnswer('1.0', 'showNodepool'));
    expect(left.map((one) => `${one.schema}.${one.property}`)).toEqual([
      'Nodepool.server_group_id',
      'Nodepool.advanced_settings',
      'Nodepool.linked_resources',
    ]);
    expect(reference).toHaveProperty('nodepool.linked_resources');
  });

  it('explains a difference only when the declared properties account for all of it', async () => {
    const schema = operation('showCluster').answerSchema;
    const reference = await successOutcome(200, exampleAnswer('1.3', 'showCluster'));
    const older = await successOutcome(200, exampleAnswer('1.0', 'showCluster'));
    expect(older).not.toEqual(reference);
    expect(explainAnswer(older, reference, schema, '1.0', declared)).toMatch(
      /^ske 1\.0 answers without what later versions add: Cluster\.service_watch_logging_enabled: added in ske 1\.1 \(strong: /,
    );
    // ske 1.1 has the field: the same difference is not explained there.
    expect(explainAnswer(older, reference, schema, '1.1', declared)).toBeUndefined();
    // One more field missing than declared: not explained.
    const { cluster } = exampleAnswer('1.0', 'showCluster') as { cluster: Record<string, unknown> };
    const { name: _name, ...nameless } = cluster;
    const less = await successOutcome(200, { cluster: nameless });
    expect(explainAnswer(less, reference, schema, '1.0', declared)).toBeUndefined();
    // Another status, or an error: not explained.
    const other: Outcome = { kind: 'data', status: 202, summary: (older as { summary: string }).summary };
    expect(explainAnswer(other, reference, schema, '1.0', declared)).toBeUndefined();
    expect(
      explainAnswer({ kind: 'api-error', status: 500, code: 'X' }, reference, schema, '1.0', declared),
    ).toBeUndefined();
  });
});

describe('a body refused by the version that answers', () => {
  const older = catalogOf(OPERATIONS, documents['1.0'] as OpenApiDocument);
  const olderBody = older.find((one) => one.id === 'createCluster')?.body?.sample;
  const schema = operation('createCluster').body?.schema;
  const accepted: Outcome = {
    kind: 'data',
    status: 202,
    summary: '{account_id,request_id,resource_id}',
    answeredAs: 'ske 1.3',
  };
  const refused: Outcome = { kind: 'api-error', status: 400, code: 'InvalidRequestBody' };

  it('names the required fields the body leaves out', () => {
    expect(missingRequired(olderBody, schema)).toEqual([
      { schema: 'ClusterCreateRequest', property: 'service_watch_logging_enabled' },
    ]);
    expect(missingRequired({ private_endpoint_access_control_resources: [{ id: 'a' }] }, schema)).toContainEqual({
      schema: 'AccessControlResource',
      property: 'name',
    });
  });

  it('is explained when only fields declared after the version are missing', () => {
    expect(explainRefusedBody(refused, accepted, olderBody, schema, '1.0', declared)).toMatch(
      /^ske 1\.0's body leaves out what ske 1\.3 requires: ClusterCreateRequest\.service_watch_logging_enabled: added in ske 1\.1/,
    );
    const { name: _name, ...nameless } = olderBody as Record<string, unknown>;
    expect(explainRefusedBody(refused, accepted, nameless, schema, '1.0', declared)).toBeUndefined();
    expect(explainRefusedBody(refused, accepted, olderBody, schema, '1.1', declared)).toBeUndefined();
    expect(
      explainRefusedBody({ ...refused, status: 500 }, accepted, olderBody, schema, '1.0', declared),
    ).toBeUndefined();
  });
});
