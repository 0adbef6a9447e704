import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS, parseFixtures } from './fixtures.js';

describe('parseFixtures', () => {
  it('falls back to the defaults for a missing section', () => {
    expect(parseFixtures({})).toEqual({ clusters: DEFAULT_CLUSTERS, credentials: DEMO_CREDENTIALS });
  });

  it('reads clusters and credentials', () => {
    const fixtures = parseFixtures({
      credentials: [{ accessKey: 'AK', secretKey: 'SK' }],
      clusters: [{ id: 'ab'.repeat(16), name: 'mine', endpoints: { private: 'https://p:6443' }, accessKeys: ['AK'] }],
    });
    expect(fixtures.clusters[0]?.endpoints).toEqual({ private: 'https://p:6443', public: null });
    expect(fixtures.credentials).toEqual([{ accessKey: 'AK', secretKey: 'SK' }]);
  });

  it.each([
    [[], /^fixtures: expected a JSON object$/],
    [{ clusters: {} }, /^clusters: expected an array$/],
    [
      { clusters: [{ id: 'XYZ', name: 'a', endpoints: { private: 'https://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.id: expected 32 lower-case hex digits$/,
    ],
    [
      { clusters: [{ id: 'ab'.repeat(16), name: 'Bad Name', endpoints: { private: 'https://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.name: /,
    ],
    [
      { clusters: [{ id: 'ab'.repeat(16), name: 'a', endpoints: { private: 'ftp://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.endpoints\.private: expected an http\(s\) URL$/,
    ],
    [{ credentials: [{ accessKey: 'AK' }] }, /^credentials\[0\]\.secretKey: expected a non-empty string$/],
  ])('names the bad field in %j', (data, message) => {
    expect(() => parseFixtures(data)).toThrow(message);
  });

  it('never quotes a secret in its errors', () => {
    expect(() => parseFixtures({ credentials: [{ accessKey: '', secretKey: 'TOP-SECRET' }] })).toThrow(
      /^(?!.*TOP-SECRET)/,
    );
  });
});
