import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { createCredentialChain, credentialsFilePath, ScpCredentials } from './credentials.js';
import { CredentialsNotFoundError, SigningOptionError } from './errors.js';

const CANARY = 'CANARY-7e3a-secret-do-not-print';

function homeWithFile(content: string | undefined): string {
  const home = mkdtempSync(join(tmpdir(), 'scp-home-'));
  if (content !== undefined) {
    mkdirSync(join(home, '.scpconf'));
    writeFileSync(join(home, '.scpconf', 'credentials.json'), content);
  }
  return home;
}

describe('createCredentialChain', () => {
  it('prefers explicit keys over everything else', async () => {
    const env = { SCP_ACCESS_KEY: 'env-ak', SCP_SECRET_KEY: 'env-sk' };
    const chain = createCredentialChain({ credentials: { accessKey: 'ak', secretKey: 'sk' }, env });
    expect(await chain()).toMatchObject({ accessKey: 'ak', secretKey: 'sk', source: 'explicit credentials' });
  });

  it('reads the environment, with an optional account id', async () => {
    const env = { SCP_ACCESS_KEY: 'env-ak', SCP_SECRET_KEY: 'env-sk', SCP_ACCOUNT_ID: 'acct' };
    const chain = createCredentialChain({ env, homeDir: homeWithFile('{"access-key":"f","secret-key":"f"}') });
    expect(await chain()).toMatchObject({
      accessKey: 'env-ak',
      secretKey: 'env-sk',
      accountId: 'acct',
      source: 'environment',
    });
  });

  it('reads ~/.scpconf/credentials.json, the file SCP tooling uses', async () => {
    const home = homeWithFile('{"access-key":"file-ak","secret-key":"file-sk"}');
    const credentials = await createCredentialChain({ env: {}, homeDir: home })();
    expect(credentials).toMatchObject({ accessKey: 'file-ak', secretKey: 'file-sk' });
    expect(credentials.source).toBe(join(home, '.scpconf', 'credentials.json'));
  });

  it('lets SCP_CONFIG_DIR move the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scp-config-'));
    writeFileSync(join(dir, 'credentials.json'), '{"access-key":"moved","secret-key":"s"}');
    const env = { SCP_CONFIG_DIR: dir };
    expect(credentialsFilePath(env, '/nowhere')).toBe(join(dir, 'credentials.json'));
    expect((await createCredentialChain({ env, homeDir: homeWithFile(undefined) })()).accessKey).toBe('moved');
  });

  it("uses a custom provider alone: the environment's and the file's keys are never asked", async () => {
    const provider = vi.fn(async () => ({ accessKey: 'custom-ak', secretKey: 'custom-sk' }));
    const env = { SCP_ACCESS_KEY: 'env-ak', SCP_SECRET_KEY: 'env-sk' };
    const homeDir = homeWithFile('{"access-key":"file-ak","secret-key":"file-sk"}');
    const chain = createCredentialChain({ credentials: provider, env, homeDir });
    expect(await chain()).toMatchObject({ source: 'custom provider', accessKey: 'custom-ak' });
  });

  it('fails, not falls back, when the custom provider has no keys', async () => {
    const env = { SCP_ACCESS_KEY: 'env-ak', SCP_SECRET_KEY: 'env-sk' };
    const error = await createCredentialChain({ credentials: async () => undefined, env })().catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried).toEqual(['custom provider: returned no credentials']);
  });

  it('memoizes the first success, shared by concurrent callers', async () => {
    const provider = vi.fn(async () => ({ accessKey: 'ak', secretKey: 'sk' }));
    const chain = createCredentialChain({ credentials: provider, env: {}, homeDir: homeWithFile(undefined) });
    const [first, second] = await Promise.all([chain(), chain()]);
    expect(await chain()).toBe(first);
    expect(second).toBe(first);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('does not memoize a failure: keys written later are found', async () => {
    const home = homeWithFile(undefined);
    const chain = createCredentialChain({ env: {}, homeDir: home });
    await expect(chain()).rejects.toBeInstanceOf(CredentialsNotFoundError);
    mkdirSync(join(home, '.scpconf'));
    writeFileSync(join(home, '.scpconf', 'credentials.json'), '{"access-key":"late","secret-key":"s"}');
    expect((await chain()).accessKey).toBe('late');
  });

  it('lists every place it looked when none has keys', async () => {
    const home = homeWithFile(undefined);
    const error = await createCredentialChain({ env: { SCP_ACCESS_KEY: 'only-ak' }, homeDir: home })().catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsNotFoundError);
    expect(error.tried).toEqual([
      'explicit credentials: not given',
      'environment: SCP_ACCESS_KEY is set but SCP_SECRET_KEY is not',
      `file ${join(home, '.scpconf', 'credentials.json')}: not found`,
    ]);
    expect(error.message).toContain('SCP_ACCESS_KEY and SCP_SECRET_KEY');
  });

  it('names an explicit key that is empty', () => {
    expect(() => createCredentialChain({ credentials: { accessKey: 'ak', secretKey: '' } })).toThrow(
      /^credentials\.secretKey: expected a non-empty string, received an empty string \(from explicit credentials\)$/,
    );
  });
});

describe('a credentials option of the wrong type', () => {
  // Keys in the environment and the file: a wrong option must never fall back to them.
  const env = { SCP_ACCESS_KEY: 'env-ak', SCP_SECRET_KEY: 'env-sk' };
  const homeDir = homeWithFile('{"access-key":"file-ak","secret-key":"file-sk"}');
  const EXPECTED = 'keys { accessKey, secretKey, accountId? }, an ScpCredentials or an async provider function';

  it.each([
    ['an "AK:SK" string', `AK:${CANARY}`, `a string of ${3 + CANARY.length} characters`],
    ['an empty string', '', 'an empty string'],
    ['a number', 5, 'a number'],
    ['true', true, 'a boolean'],
    ['null', null, 'null'],
    ['an array of keys', ['AK', CANARY], 'an array'],
  ])('refuses %s at once, describing its type only, never looking elsewhere', (_name, value, described) => {
    const error = (() => {
      try {
        createCredentialChain({ credentials: value as never, env, homeDir });
      } catch (caught) {
        return caught as SigningOptionError;
      }
    })();
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error).toMatchObject({ code: 'ERR_SKE_SIGNING_OPTION', option: 'credentials' });
    expect(error?.message).toBe(`credentials: expected ${EXPECTED}, received ${described}`);
    expect(`${error?.message} ${error?.stack} ${inspect(error)}`).not.toContain(CANARY);
  });

  it('refuses an object without keys, naming the missing key', () => {
    expect(() => createCredentialChain({ credentials: {} as never, env, homeDir })).toThrow(
      /^credentials\.accessKey: expected a non-empty string, received undefined \(from explicit credentials\)$/,
    );
  });

  it('refuses a provider that resolves something other than keys or undefined, without its value', async () => {
    const chain = createCredentialChain({
      credentials: async () => `AK:${CANARY}` as never,
      env: {},
      homeDir: homeWithFile(undefined),
    });
    const error = await chain().catch((caught) => caught);
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error.message).toBe(
      `credentials: expected keys { accessKey, secretKey, accountId? }, received a string of ${3 + CANARY.length} characters (from custom provider)`,
    );
    expect(`${error.message} ${inspect(error)}`).not.toContain(CANARY);
  });
});

describe('secrets never leak', () => {
  const credentials = new ScpCredentials({ accessKey: 'AKCANARY', secretKey: CANARY }, 'test');

  it('hides the secret from toString, JSON.stringify and util.inspect', () => {
    for (const text of [
      String(credentials),
      `${credentials}`,
      JSON.stringify(credentials),
      JSON.stringify({ nested: { credentials } }),
      inspect(credentials),
      inspect(credentials, { showHidden: true, getters: true, depth: 10 }),
      inspect({ credentials }, { showHidden: true, getters: true }),
    ]) {
      expect(text).not.toContain(CANARY);
    }
    expect(Object.keys(credentials)).not.toContain('secretKey');
    expect(credentials.secretKey).toBe(CANARY);
  });

  it('keeps a broken credentials file out of the error', async () => {
    const home = homeWithFile(`{"access-key": "ak", "secret-key": "${CANARY}",,}`);
    const error = await createCredentialChain({ env: {}, homeDir: home })().catch((e) => e);
    expect(error.tried[2]).toMatch(/: not valid JSON$/);
    expect(`${error.message} ${error.stack} ${inspect(error)}`).not.toContain(CANARY);
  });

  it('keeps a half-configured environment out of the error', async () => {
    const error = await createCredentialChain({
      env: { SCP_SECRET_KEY: CANARY },
      homeDir: homeWithFile(undefined),
    })().catch((e) => e);
    expect(`${error.message} ${inspect(error)}`).not.toContain(CANARY);
  });
});
