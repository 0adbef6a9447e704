/**
 * The spec-diff fixtures (spec-diff-fixtures/): every pair's worst severity is the expected one, with a
 * change of that severity at the expected pointer; and api-smart-diff, run alone on the same pairs, as
 * a cross-check: how often it agrees, and on which fixtures it does not (README, "Why not api-smart-diff").
 */
import { apiCompare } from 'api-smart-diff';
import { describe, expect, it } from 'vitest';
import { type ChangeSeverity, diffSpecsOn, formatChange, patternIncludes, worstSeverity } from './spec-diff.js';
import { base, documentsOf, FIXTURES_AT, fixtures } from './spec-diff-fixtures/fixtures.js';

describe('diffSpecs on the fixtures', () => {
  it('has at least 40 fixtures, with unique ids', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(fixtures.map((fixture) => fixture.id)).size).toBe(fixtures.length);
  });

  it.each(fixtures.map((fixture) => [fixture.id, fixture]))('%s', (_id, fixture) => {
    const { before, after } = documentsOf(fixture);
    const changes = diffSpecsOn(before, after, FIXTURES_AT);
    const lines = changes.map(formatChange);
    expect(worstSeverity(changes), lines.join('\n')).toBe(fixture.expected);
    if (fixture.pointer === '') expect(changes).toEqual([]);
    else {
      const deciding = changes.filter(
        (change) => change.pointer === fixture.pointer && change.severity === fixture.expected,
      );
      expect(deciding.length, `no ${fixture.expected} change at ${fixture.pointer}:\n${lines.join('\n')}`).toBe(1);
      if (fixture.message) expect(deciding[0]?.message).toMatch(fixture.message);
    }
    for (const change of changes) expect(change.message).not.toMatch(/\n/);
  });
});

/** api-smart-diff's classes, as this package's severities. */
const SEVERITY_OF: Record<string, ChangeSeverity> = {
  breaking: 'breaking',
  'non-breaking': 'non-breaking',
  deprecated: 'non-breaking',
  annotation: 'informational',
  unclassified: 'informational',
};

/** api-smart-diff alone: its worst class over the changes it reports under `paths` and the document's top level. */
function apiSmartDiffSeverity(before: unknown, after: unknown): ChangeSeverity {
  const { diffs } = apiCompare(before, after);
  const severities = diffs
    // Its `components` entries repeat what it reports where operations use them, often classified otherwise.
    .filter((diff) => diff.path[0] !== 'components' || diff.path[1] === 'securitySchemes' || diff.path.length === 3)
    .map((diff) => SEVERITY_OF[diff.type] ?? 'informational');
  return (
    (['breaking', 'non-breaking', 'informational'] as const).find((s) => severities.includes(s)) ?? 'informational'
  );
}

/** The fixtures on which api-smart-diff 1.0.6 alone gives another worst severity than SCP expects. */
const API_SMART_DIFF_DISAGREES = [
  '05-operation-id-changed',
  '15-parameter-pattern-loosened',
  '29-request-property-removed',
  '35-response-property-removed',
  '37-response-property-made-nullable',
  '42-response-property-type-changed',
  '46-security-requirement-added',
  '47-security-requirement-removed',
  '50-server-removed',
  '51-region-removed',
  '52-region-added',
  '53-region-removed-from-environment',
  '54-server-default-region-changed',
  '56-version-deprecated',
  '57-not-before-moved-earlier',
  '58-not-before-moved-later',
  '59-iam-action-changed',
  '60-convenience-method-removed',
  '63-adjacent-version',
  '73-version-deprecated-past-not-before',
  '74-deprecated-not-before-set-in-past',
  '75-planned-version-made-current',
  '76-security-alternatives-reordered',
  '80-operation-servers-new-host',
  '83-shared-schema-made-nullable',
];

describe('api-smart-diff as a cross-check', () => {
  it('agrees on every fixture but the ones listed (README: "Why not api-smart-diff")', () => {
    const disagreements = fixtures
      .map((fixture) => {
        const { before, after } = documentsOf(fixture);
        return { id: fixture.id, expected: fixture.expected, got: apiSmartDiffSeverity(before, after) };
      })
      .filter(({ expected, got }) => expected !== got);
    console.log(
      `api-smart-diff agrees on ${fixtures.length - disagreements.length} of ${fixtures.length} fixtures; differs on:\n${disagreements
        .map(({ id, expected, got }) => `  ${id}: expected ${expected}, api-smart-diff ${got}`)
        .join('\n')}`,
    );
    expect(disagreements.map(({ id }) => id)).toEqual(API_SMART_DIFF_DISAGREES);
  });
});

describe('diffSpecs on a cyclic schema', () => {
  it('compares it without looping, and reports a change inside it once per use', () => {
    const [before, after] = [structuredClone(base), structuredClone(base)];
    for (const doc of [before, after]) {
      doc.components.schemas.Node = {
        type: 'object',
        properties: {
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
          name: { type: 'string' },
        },
      };
      doc.paths['/v1/clusters/{cluster_id}'].get.responses['200'].content['application/json'].schema = {
        $ref: '#/components/schemas/Node',
      };
    }
    expect(diffSpecsOn(before, structuredClone(before), FIXTURES_AT)).toEqual([]);
    after.components.schemas.Node.properties.name.type = ['string', 'null'];
    expect(diffSpecsOn(before, after, FIXTURES_AT).map(({ severity, pointer }) => [severity, pointer])).toEqual([
      [
        'breaking',
        '#/paths/~1v1~1clusters~1{cluster_id}/get/responses/200/content/application~1json/schema/properties/name/type',
      ],
    ]);
  });
});

describe('patternIncludes', () => {
  it.each([
    ['^[a-zA-Z0-9_-]*$', '^[a-z0-9-]*$', true],
    ['^[a-z0-9-]*$', '^[a-z]*$', true],
    ['^[a-z]*$', '^[a-z0-9-]*$', false],
    ['^[0-9a-f]{1,64}$', '^[0-9a-f]{32}$', true],
    ['^[0-9a-f]{32}$', '^[0-9a-f]{1,64}$', false],
    ['^[a-z]+$', '^[a-z]{3,}$', true],
    ['^[a-z]{3,}$', '^[a-z]+$', false],
    ['^(a|b)$', '^a$', undefined],
    ['^[\\w]*$', '^[a-z]*$', undefined],
  ])('%s includes %s: %s', (wide, narrow, expected) => {
    expect(patternIncludes(wide, narrow)).toBe(expected);
  });
});
