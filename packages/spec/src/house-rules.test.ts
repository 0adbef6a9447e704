/**
 * The house rules of redocly.yaml (spec/plugins/scp.js and the configurable rules) catch what they
 * promise: each case breaks a copy of the spec in one way and runs the real `redocly lint` on it.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const copies: string[] = [];

/** Lints a copy of spec/ with one file edited; returns the rule ids that reported. */
async function lintWith(file: string, edit: (text: string) => string): Promise<string[]> {
  const copy = mkdtempSync(join(tmpdir(), 'scp-ske-rules-'));
  copies.push(copy);
  cpSync(join(repo, 'spec'), join(copy, 'spec'), { recursive: true });
  cpSync(join(repo, 'redocly.yaml'), join(copy, 'redocly.yaml'));
  const target = join(copy, file);
  const edited = edit(readFileSync(target, 'utf8'));
  writeFileSync(target, edited);
  const args = [redocly, 'lint', '--config', join(copy, 'redocly.yaml'), '--format', 'json'];
  const { stdout } = await run(process.execPath, args, { cwd: copy }).catch((error) => error);
  // One JSON report per API, printed back to back.
  const reports = String(stdout).split(/(?<=\})\s*(?=\{\s*"totals")/);
  const problems = reports.flatMap((report) => (JSON.parse(report) as { problems: { ruleId: string }[] }).problems);
  return [...new Set(problems.map((problem) => problem.ruleId))];
}

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

describe('house rules', () => {
  it('pass on the spec as committed', async () => {
    expect(await lintWith('redocly.yaml', (text) => text)).toEqual([]);
  });

  it('require a lifecycle for every operation', async () => {
    const rules = await lintWith('spec/ske/ske-1.2.yaml', (text) =>
      text.replace(/ {2}x-scp-lifecycle:\n(.*\n){2}/, ''),
    );
    expect(rules).toContain('scp/operation-lifecycle');
  });

  it('reject a malformed lifecycle date', async () => {
    const rules = await lintWith('spec/ske/ske-1.1.yaml', (text) => text.replace('2026-09-19', '2026-02-30'));
    expect(rules).toContain('scp/operation-lifecycle');
  });

  it('require the shared error envelope on every 4xx response', async () => {
    const rules = await lintWith('spec/ske/components/responses/Forbidden.yaml', (text) =>
      text.replace('$ref: ../schemas/ErrorEnvelope.yaml', 'type: object'),
    );
    expect(rules).toContain('scp/error-responses-use-envelope');
  });

  it('forbid a signing header as an operation parameter', async () => {
    const rules = await lintWith('spec/ske/components/parameters/AcceptLanguage.yaml', (text) =>
      text.replace('name: Accept-Language', 'name: Scp-Timestamp'),
    );
    expect(rules).toContain('rule/no-signing-header-parameters');
  });

  it('require an operationId', async () => {
    const rules = await lintWith('spec/ske/paths/user-kubeconfig.yaml', (text) =>
      text.replace(/^ *operationId: .*\n/m, ''),
    );
    expect(rules).toContain('rule/operation-has-id');
  });

  it('require an IAM action on every operation', async () => {
    const rules = await lintWith('spec/ske/paths/cluster.yaml', (text) =>
      text.replace(/^ *x-scp-action-id: .*\n/m, ''),
    );
    expect(rules).toContain('scp/operation-action-and-provenance');
  });

  it('require a provenance that names the versions it confirms', async () => {
    const rules = await lintWith('spec/ske/components/provenance-scp-openapi-1.0.yaml', (text) =>
      text.replace('confirmed: ["1.0"]', 'confirmed: 1.0'),
    );
    expect(rules).toContain('scp/operation-action-and-provenance');
  });

  it('require an example on every success response', async () => {
    const rules = await lintWith('spec/ske/paths/clusters.yaml', (text) =>
      text.replace(/ {10}example:\n(?: {12}.*\n)+/, ''),
    );
    expect(rules).toContain('scp/success-response-has-example');
  });

  it('require well-formed waiters on a show operation', async () => {
    const misspelt = await lintWith('spec/ske/paths/cluster.yaml', (text) =>
      text.replace('notFound: success', 'notFound: gone'),
    );
    expect(misspelt).toContain('scp/waiters-well-formed');
    const misplaced = await lintWith('spec/ske/paths/clusters.yaml', (text) =>
      text.replace(
        '  x-scp-pagination:\n',
        '  x-scp-waiters: { clustersListed: { success: [RUNNING] } }\n  x-scp-pagination:\n',
      ),
    );
    expect(misplaced).toContain('scp/waiters-well-formed');
  });
});
