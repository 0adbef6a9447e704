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

describe('createVersionSelector: what each 406 says', () => {
  const known = 'ske 1.0, ske 1.1, ske 1.2, ske 1.3';
  // A selector of each test's own, so that what it reads from the manifest counts as this test's.
  const detail = (header: string, at = after) =>
    (createVersionSelector(manifest as Manifest)(header, at) as { detail: string[] }).detail;

  it.each(['SKE 1.3', 'xske 1.3', 'ske 1.3x', 'ske 1.3.1', 'ske 1', 'ske a.b', 'ske  1.3', 'ske 1.', ''])(
    'reads %j as malformed, showing the form the header takes',
    (header) => {
      expect(select(header, after)).toEqual({
        status: 406,
        code: 'NoSuchVersion',
        detail: [`Scp-Api-Version must be "ske <major>.<minor>", e.g. "ske ${manifest.current}".`],
      });
    },
  );

  it('names an unknown version as asked (without the spaces around it), beside the known ones', () => {
    expect(detail(' ske 10.30 ')).toEqual([`ske 10.30 is not a version of this service (${known}).`]);
  });

  it('names a version no longer served, its state and date, and the one to use', () => {
    expect(detail('ske 1.0', new Date('2026-01-15T00:00:00Z'))).toEqual([
      `ske 1.0 is DEPRECATED and no longer served since 2025-12-31; use ske ${manifest.current}.`,
    ]);
  });

  it('serves each version its header names, until its date', () => {
    for (const entry of manifest.versions) {
      expect(select(entry.apiVersion, new Date('2025-01-01T00:00:00Z'))).toBe(entry);
    }
    expect(select('ske 1.2', new Date('2027-01-01T00:00:00Z'))).toMatchObject({ version: '1.2' });
  });
});
