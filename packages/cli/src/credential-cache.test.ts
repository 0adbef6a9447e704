import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accessKeyOf,
  type CachedCredential,
  type CredentialKey,
  cacheDir,
  cachePath,
  credentialTtlMs,
  execCredentialText,
  readCached,
  requestedApiVersion,
} from './credential-cache.js';

const KEY: CredentialKey = {
  accessKey: 'AK1',
  endpoint: 'http://127.0.0.1:8080',
  region: '',
  environment: '',
  apiVersion: '',
  clusterId: '70a599e031e749b7b260868f441e862b',
  type: 'private',
  admin: false,
};

describe('the cache folder', () => {
  it('ignores a relative $XDG_CACHE_HOME, as the XDG specification says', () => {
    expect(cacheDir({ XDG_CACHE_HOME: 'relcache' }, '/h', 'linux')).toBe('/h/.cache/scp-ske');
    expect(cacheDir({ XDG_CACHE_HOME: './c' }, '/h', 'linux')).toBe('/h/.cache/scp-ske');
  });

  it('is $XDG_CACHE_HOME/scp-ske, else the platform’s user cache folder', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u', 'linux')).toBe(join('/x', 'scp-ske'));
    expect(cacheDir({}, '/home/u', 'linux')).toBe(join('/home/u', '.cache', 'scp-ske'));
    expect(cacheDir({}, '/Users/u', 'darwin')).toBe(join('/Users/u', 'Library', 'Caches', 'scp-ske'));
    expect(cacheDir({ LOCALAPPDATA: 'C:/L' }, 'C:/U', 'win32')).toBe(join('C:/L', 'scp-ske'));
  });

  it('has one file per access key, endpoint, cluster, type and identity; no id in its name', () => {
    const path = cachePath({}, '/h', KEY);
    expect(path).not.toContain(KEY.accessKey);
    expect(path).not.toContain(KEY.clusterId);
    for (const other of [{ accessKey: 'AK2' }, { type: 'public' }, { admin: true }, { endpoint: 'http://other' }]) {
      expect(cachePath({}, '/h', { ...KEY, ...other })).not.toBe(path);
    }
  });
});

describe('readCached', () => {
  const write = (value: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'scp-ske-cache-')), 'c.json');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const entry: CachedCredential = { key: KEY, status: { token: 't' }, fetchedAt: 1_000_000, expiresAt: 1_600_000 };

  it('serves a credential until its expiry, less a margin, and within the lifetime since it was fetched', () => {
    const path = write(entry);
    expect(readCached(path, KEY, 1_100_000, 600_000)).toEqual(entry);
    expect(readCached(path, KEY, 1_596_000, 600_000)).toBeUndefined();
    // A lifetime lowered since takes effect at once.
    expect(readCached(path, KEY, 1_100_000, 60_000)).toBeUndefined();
    expect(readCached(path, KEY, 1_000_000, 0)).toBeUndefined();
  });

  it('keeps a margin of at most half its time in the cache: a 5 s lifetime still serves', () => {
    const short = { ...entry, expiresAt: 1_005_000 };
    expect(readCached(write(short), KEY, 1_002_000, 5000)).toEqual(short);
    expect(readCached(write(short), KEY, 1_002_500, 5000)).toBeUndefined();
  });

  it('serves nothing for another key, or from a file that is not a cached credential', () => {
    expect(readCached(write(entry), { ...KEY, accessKey: 'AK2' }, 1_100_000, 600_000)).toBeUndefined();
    expect(readCached(write('not json'), KEY, 1_100_000, 600_000)).toBeUndefined();
    expect(readCached(write({ ...entry, status: {} }), KEY, 1_100_000, 600_000)).toBeUndefined();
    expect(readCached(join(tmpdir(), 'no-such-file.json'), KEY, 1_100_000, 600_000)).toBeUndefined();
  });
});

describe('the ExecCredential', () => {
  it('carries the credential and its expiry, in the apiVersion kubectl asked for', () => {
    const text = execCredentialText(
      { status: { token: 't' }, expiresAt: Date.UTC(2026, 0, 1) },
      requestedApiVersion({}),
    );
    expect(JSON.parse(text)).toEqual({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      spec: { interactive: false },
      status: { token: 't', expirationTimestamp: '2026-01-01T00:00:00Z' },
    });
    const info = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential' });
    expect(requestedApiVersion({ KUBERNETES_EXEC_INFO: info })).toBe('client.authentication.k8s.io/v1beta1');
  });
});

describe('the access key id and the lifetime', () => {
  it('takes the key as the credential chain does: both variables, else the credentials file', () => {
    expect(accessKeyOf({ SCP_ACCESS_KEY: 'A', SCP_SECRET_KEY: 'S' }, '/nowhere')).toBe('A');
    expect(accessKeyOf({ SCP_ACCESS_KEY: 'A' }, '/nowhere')).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'scp-ske-conf-'));
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ 'access-key': 'F', 'secret-key': 'S' }));
    expect(accessKeyOf({ SCP_CONFIG_DIR: dir }, '/nowhere')).toBe('F');
  });

  it('is 10 minutes, or SCP_SKE_CREDENTIAL_TTL seconds', () => {
    expect(credentialTtlMs({})).toBe(600_000);
    expect(credentialTtlMs({ SCP_SKE_CREDENTIAL_TTL: '30' })).toBe(30_000);
    expect(credentialTtlMs({ SCP_SKE_CREDENTIAL_TTL: 'soon' })).toBeUndefined();
  });
});
