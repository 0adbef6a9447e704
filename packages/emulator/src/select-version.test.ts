import { type Manifest, manifest } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { createVersionSelector } from './select-version.js';

const select = createVersionSelector(manifest as Manifest);
const after = new Date('2026-01-15T00:00:00Z');
const deprecated = manifest.versions.find((entry) => entry.state === 'DEPRECATED' && entry.notBefore !== null);

describe('createVersionSelector', () => {
  it('serves the CURRENT version without a header, and the version a well-formed header names', () => {
    expect(select(undefined, after)).toMatchObject({ version: manifest.current });
    expect(select(` ske ${manifest.current} `, after)).toMatchObject({ version: manifest.current });
  });

  it('answers 406 to a malformed header and to an unknown version, naming the known ones', () => {
    expect(select('v1.3', after)).toMatchObject({ status: 406, code: 'NoSuchVersion' });
    const unknown = select('ske 9.9', after);
    expect(unknown).toMatchObject({ status: 406, code: 'NoSuchVersion' });
    expect((unknown as { detail: string[] }).detail[0]).toContain(
      manifest.versions.map((v) => v.apiVersion).join(', '),
    );
  });

  it('judges the lifecycle at the instant given: a DEPRECATED version until its Not Before date, 406 after', () => {
    if (!deprecated?.notBefore) throw new Error('the manifest has no DEPRECATED version with a Not Before date');
    const notBefore = new Date(`${deprecated.notBefore}T00:00:00Z`);
    expect(select(deprecated.apiVersion, new Date(notBefore.getTime() - 86_400_000))).toBe(deprecated);
    expect(select(deprecated.apiVersion, new Date(notBefore.getTime() + 86_400_000))).toMatchObject({
      status: 406,
      code: 'NoSuchVersion',
    });
  });

  it("reads every header by the pattern, even one that is some entry's apiVersion", () => {
    const [first] = manifest.versions;
    const odd = { ...first, version: '2.0-beta', apiVersion: 'ske 2.0-beta', state: 'SUPPORTED', notBefore: null };
    const selectOdd = createVersionSelector({ ...manifest, versions: [...manifest.versions, odd] } as Manifest);
    expect(selectOdd('ske 2.0-beta', after)).toMatchObject({ status: 406, code: 'NoSuchVersion' });
    expect(selectOdd(`ske ${manifest.current}`, after)).toMatchObject({ version: manifest.current });
  });
});
