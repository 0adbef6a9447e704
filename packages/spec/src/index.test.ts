import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentPath, loadDocument, manifest, type SkeVersion, type VersionsFile, versions } from './index.js';

describe('@scp-ske/spec accessors', () => {
  it('lists the versions oldest first, with exactly one CURRENT', () => {
    expect(versions).toEqual(['1.0', '1.1', '1.2', '1.3']);
    expect(manifest.versions.filter((entry) => entry.state === 'CURRENT').map((entry) => entry.version)).toEqual([
      manifest.current,
    ]);
  });

  it.each(versions.map((version) => [version]))('points at existing documents of ske %s in every form', (version) => {
    for (const format of ['json', 'yaml'] as const) {
      expect(existsSync(documentPath(version, 'bundled', format)), `bundled ${format}`).toBe(true);
    }
    expect(existsSync(documentPath(version, 'dereferenced')), 'dereferenced json').toBe(true);
  });

  it('publishes the dereferenced form as JSON only, and says so when asked for YAML', () => {
    // @ts-expect-error the dereferenced form has no YAML file
    expect(() => documentPath('1.3', 'dereferenced', 'yaml')).toThrow(/published as JSON only/);
  });

  it('stamps each version in versions.json with the sha256 of its bundled JSON, and is that manifest without them', () => {
    const file: VersionsFile = JSON.parse(readFileSync(new URL('../versions.json', import.meta.url), 'utf8'));
    for (const entry of file.versions) {
      const text = readFileSync(documentPath(entry.version as SkeVersion), 'utf8');
      expect(createHash('sha256').update(text).digest('hex')).toBe(entry.sha256);
    }
    expect({ ...file, versions: file.versions.map(({ sha256: _digest, ...entry }) => entry) }).toEqual(manifest);
  });

  it('keeps $refs in the bundled form and none in the dereferenced one', async () => {
    expect(JSON.stringify(await loadDocument('1.3'))).toContain('"$ref"');
    expect(JSON.stringify(await loadDocument('1.3', 'dereferenced'))).not.toContain('"$ref"');
  });

  it('carries the whole service version list in every document', async () => {
    const document = await loadDocument('1.1');
    expect(document.info['x-scp-service-versions']).toEqual(
      manifest.versions.map(({ version, apiVersion, state, notBefore }) => ({ version, apiVersion, state, notBefore })),
    );
  });

  it('names the versions it knows when asked for another', () => {
    expect(() => documentPath('2.0' as SkeVersion)).toThrow(
      /unknown SKE version "2.0"; expected one of 1.0, 1.1, 1.2, 1.3/,
    );
  });
});
