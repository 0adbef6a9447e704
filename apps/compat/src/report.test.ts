import { manifest } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { classifyAgainstReference } from './classify.js';
import type { Outcome } from './outcome.js';
import { renderMarkdown, renderTerminal } from './report.js';
import type { CompatReport } from './run.js';

const since = {
  change: 'added' as const,
  operation: 'setClusterServiceWatchLogging',
  version: '1.1',
  strength: 'strong',
  evidence: 'The provider calls it on the ske 1.1 SDK.',
  document: '1.3',
  pointer: '/paths/~1v1~1clusters~1{cluster_id}~1service-watch-logging/put',
  operations: ['setClusterServiceWatchLogging'],
  lacking: ['1.0'],
};
const field = {
  change: 'added' as const,
  schema: 'Cluster',
  property: 'service_watch_logging_enabled',
  version: '1.1',
  strength: 'strong',
  evidence: 'The provider reads it.',
  document: '1.3',
  pointer:
    '/paths/~1v1~1clusters~1{cluster_id}/get/responses/200/content/application~1json/schema/properties/cluster/properties/service_watch_logging_enabled',
  operations: ['showCluster'],
  lacking: ['1.0'],
};

const report: CompatReport = {
  at: '2025-12-01',
  target: 'embedded emulator',
  versions: ['1.0', '1.3'],
  reference: '1.3',
  operations: [
    {
      id: 'setClusterServiceWatchLogging',
      title: 'Set Cluster ServiceWatch Logging',
      method: 'PUT',
      path: '/v1/clusters/{cluster_id}/service-watch-logging',
      actionId: 'ske:SetClusterServiceWatchLogging',
      versions: ['1.3'],
      since,
    },
  ],
  scenarios: [
    {
      id: 'setClusterServiceWatchLogging/example',
      title: 'Example arguments and body (202)',
      operation: 'setClusterServiceWatchLogging',
      cells: {
        '1.0': {
          mark: 'expected',
          outcome: { kind: 'absent' },
          reason: 'not in ske 1.0: setClusterServiceWatchLogging: added in ske 1.1 (strong: …)',
        },
        '1.3': { mark: 'same', outcome: { kind: 'data', status: 202, summary: '{account_id,request_id,resource_id}' } },
      },
    },
  ],
  declared: [since, field],
  contract: { reference: '1.3', differences: [] },
  summary: { same: 1, expected: 1, regressions: 0, skipped: 0, notApplicable: 0 },
};

describe('the report', () => {
  it('names, for an operation a version lacks, the version it comes with and the versions without it', () => {
    const text = renderTerminal(report);
    expect(text).toContain(
      'setClusterServiceWatchLogging: PUT /v1/clusters/{cluster_id}/service-watch-logging · IAM ske:SetClusterServiceWatchLogging · provenance unknown · from ske 1.1 (strong), not in ske 1.0',
    );
    expect(text).toMatch(/Example arguments and body \(202\) +≠ not in this version \[1\] +✓ 202/);
    expect(text).toContain('[1] not in ske 1.0: setClusterServiceWatchLogging: added in ske 1.1 (strong: …)');
  });

  it('lists the declared differences with their strength and evidence, and the contract narrowed by them', () => {
    const text = renderTerminal(report);
    expect(text).toContain('Declared differences between versions (x-scp-since, x-scp-required-since): 2');
    expect(text).toContain(
      '  Cluster.service_watch_logging_enabled: added in ske 1.1 · not in ske 1.0 · in showCluster · strong: The provider reads it.',
    );
    expect(text).toContain(
      'Contract: ske 1.0 identical to ske 1.3 narrowed to each by the declared differences (version number and lifecycle aside).',
    );
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(
      '- setClusterServiceWatchLogging: added in ske 1.1 · not in ske 1.0 · in setClusterServiceWatchLogging · strong: The provider calls it on the ske 1.1 SDK.',
    );
    expect(markdown).toContain('From ske 1.1 (strong), not in ske 1.0.');
    expect(markdown).toContain(
      '| Example arguments and body (202) | ≠ not in this version [1] | ✓ 202 {account_id,request_id,resource_id} |',
    );
  });

  it('names an undeclared contract difference', () => {
    const text = renderTerminal({
      ...report,
      contract: {
        reference: '1.3',
        differences: [{ version: '1.0', reference: '1.3', pointer: '/paths/~1v1~1x', expected: {}, actual: undefined }],
      },
    });
    expect(text).toContain(
      'Contract: 1 undeclared difference(s) from ske 1.3:\n  ske 1.0 /paths/~1v1~1x: undefined (ske 1.3: {})',
    );
  });
});

describe('a difference from the reference', () => {
  const entry = manifest.versions.find((one) => one.version === '1.1') as (typeof manifest.versions)[number];
  const at = new Date('2025-12-01T00:00:00Z');
  const reference: Outcome = { kind: 'data', status: 200, summary: '{cluster{25}}' };
  const older: Outcome = { kind: 'data', status: 200, summary: '{cluster{24}}' };

  it('is expected when a declared difference accounts for it, naming it', () => {
    expect(classifyAgainstReference(entry, at, older, reference, () => 'declared: Cluster.x added in ske 1.2')).toEqual(
      {
        mark: 'expected',
        outcome: older,
        reason: 'declared: Cluster.x added in ske 1.2',
      },
    );
  });

  it('is a regression otherwise; the same outcome needs no explanation', () => {
    expect(classifyAgainstReference(entry, at, older, reference)).toMatchObject({ mark: 'regression' });
    let asked = false;
    const explain = () => {
      asked = true;
      return 'never asked';
    };
    expect(classifyAgainstReference(entry, at, reference, reference, explain)).toEqual({
      mark: 'same',
      outcome: reference,
    });
    expect(asked).toBe(false);
  });
});
