/**
 * Which API servers a kubeconfig may point at: https only; a host in SCP's domain that names no other
 * environment than the endpoint's, or the endpoint's own host; or one the user allows. Each refusal
 * names its rule and the server, and offers --allow-server-host where that helps.
 */
import { describe, expect, it } from 'vitest';
import { UnsafeKubeconfigError } from './kubeconfig-errors.js';
import { allowedHost, checkServer, SCP_DOMAIN, type ServerRule } from './server-rule.js';
import { UsageError } from './usage.js';

const environments = ['s', 'g', 'e'];
const scp = (environment: string): ServerRule => ({
  endpoint: `https://ske.kr-west1.${environment}.samsungsdscloud.com`,
  environments,
  allowedHosts: [],
});
const emulator: ServerRule = { endpoint: 'http://127.0.0.1:8080', environments, allowedHosts: [] };

const refusal = (server: string, rule: ServerRule) => {
  try {
    checkServer(server, rule);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeKubeconfigError);
    const { rule: which, message, server: refused, code } = error as UnsafeKubeconfigError;
    return { rule: which, message, server: refused, code };
  }
  return undefined;
};

describe('checkServer', () => {
  it('is the domain every endpoint the client builds is in', () => {
    expect(SCP_DOMAIN).toBe('samsungsdscloud.com');
  });

  it.each([
    [
      'a cluster of SCP, no environment in its host',
      'https://70a599e0.ske.private.kr-west1.samsungsdscloud.com:6443',
      's',
    ],
    ['a host of the endpoint’s environment', 'https://x.ske.kr-east1.e.samsungsdscloud.com:6443', 'e'],
    ['SCP’s domain itself', 'https://samsungsdscloud.com', 'g'],
    ['an upper-case host with a trailing dot', 'https://X.SKE.PRIVATE.KR-WEST1.SAMSUNGSDSCLOUD.COM.:6443', 's'],
    ['a label like an environment that is not one', 'https://x.dev2.samsungsdscloud.com', 's'],
    ['the endpoint’s own host', 'https://ske.kr-west1.g.samsungsdscloud.com:6443/k8s', 'g'],
  ])('accepts %s', (_name, server, environment) => {
    expect(refusal(server, scp(environment))).toBeUndefined();
  });

  it('accepts an emulator’s kubeconfig on its own host, and SCP’s hosts of any environment there', () => {
    expect(refusal('https://127.0.0.1:6443', emulator)).toBeUndefined();
    expect(refusal('https://x.ske.kr-west1.e.samsungsdscloud.com', emulator)).toBeUndefined();
    expect(refusal('https://x.ske.kr-south1.g.samsungsdscloud.com', emulator)).toBeUndefined();
  });

  it.each([
    ['plain http', 'http://x.ske.private.kr-west1.samsungsdscloud.com:6443'],
    ['plain http on the endpoint’s host', 'http://127.0.0.1:6443'],
    ['another scheme', 'ftp://127.0.0.1'],
    ['no URL', 'not a url'],
  ])('refuses %s by the https rule', (_name, server) => {
    const found = refusal(server, emulator);
    expect(found).toMatchObject({ rule: 'https', server, code: 'ERR_SKE_UNSAFE_KUBECONFIG' });
    expect(found?.message).toMatch(/^refused the kubeconfig SKE returned: its server .* is not (an )?https/);
    expect(found?.message).not.toContain('--allow-server-host');
  });

  it('refuses a host outside SCP’s domain, naming the rule and how to allow it', () => {
    const server = 'https://attacker.example.net:6443';
    expect(refusal(server, emulator)).toEqual({
      rule: 'host',
      server,
      code: 'ERR_SKE_UNSAFE_KUBECONFIG',
      message:
        'refused the kubeconfig SKE returned: its server https://attacker.example.net:6443 is neither in ' +
        "SCP's domain (samsungsdscloud.com) nor on the endpoint's host (127.0.0.1) (pass --allow-server-host " +
        'attacker.example.net to accept it); nothing was written',
    });
  });

  it.each([
    'https://samsungsdscloud.com.attacker.net',
    'https://evilsamsungsdscloud.com',
    'https://127.0.0.2:6443',
    'https://localhost:6443',
  ])('refuses %s by the host rule', (server) => {
    expect(refusal(server, emulator)?.rule).toBe('host');
  });

  it('refuses a host of another SCP environment than the endpoint’s', () => {
    const server = 'https://x.ske.kr-south1.g.samsungsdscloud.com:6443';
    expect(refusal(server, scp('e'))).toMatchObject({
      rule: 'environment',
      message:
        'refused the kubeconfig SKE returned: its server https://x.ske.kr-south1.g.samsungsdscloud.com:6443 is in ' +
        'SCP environment "g", not in the endpoint\'s ("e") (pass --allow-server-host ' +
        'x.ske.kr-south1.g.samsungsdscloud.com to accept it); nothing was written',
    });
  });

  it('accepts a host the user allows, whatever its domain or environment, but never over http', () => {
    const allowing = (host: string): ServerRule => ({ ...scp('e'), allowedHosts: [allowedHost(host)] });
    expect(refusal('https://attacker.example.net:6443', allowing('attacker.example.net'))).toBeUndefined();
    expect(refusal('https://x.g.samsungsdscloud.com', allowing('X.G.samsungsdscloud.com'))).toBeUndefined();
    expect(refusal('https://[::1]:6443', allowing('[::1]'))).toBeUndefined();
    expect(refusal('http://attacker.example.net', allowing('attacker.example.net'))?.rule).toBe('https');
    expect(refusal('https://other.example.net', allowing('attacker.example.net'))?.rule).toBe('host');
  });

  it('shows a server’s control characters in the message, and keeps the server as it is in the error', () => {
    const server = 'http://x\u001b[31m';
    expect(refusal(server, emulator)).toMatchObject({ server, message: expect.stringContaining('x\\u001b[31m') });
  });
});

describe('allowedHost', () => {
  it.each([
    ['attacker.example.net', 'attacker.example.net'],
    ['Attacker.Example.NET.', 'attacker.example.net'],
    ['10.0.0.1', '10.0.0.1'],
    ['[::1]', '[::1]'],
  ])('reads %s as %s', (value, host) => {
    expect(allowedHost(value)).toBe(host);
  });

  it.each([
    '',
    'https://x.example',
    'x.example:6443',
    'x.example/path',
    'user@x.example',
    'x.example?q',
    'x.example#f',
    'a b',
    '::1',
  ])('refuses %j with a usage error', (value) => {
    expect(() => allowedHost(value)).toThrow(UsageError);
    expect(() => allowedHost(value)).toThrow(/^--allow-server-host: expected a host name or IP address/);
  });

  it('shows control characters of a refused value', () => {
    expect(() => allowedHost('\u001b[31m')).toThrow('received "\\u001b[31m"');
  });
});
