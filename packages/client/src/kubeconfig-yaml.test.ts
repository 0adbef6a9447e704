/**
 * `parseKubeconfigYaml`: the plain form without the `yaml` library, anything else with it, read as
 * kubectl reads YAML (1.1, duplicate keys taken, the last one winning, a leading byte order mark
 * dropped), and an unreadable text refused with its position only.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { KubeconfigFormatError } from './kubeconfig.js';
import { parseKubeconfigYaml } from './kubeconfig-yaml.js';

vi.mock('yaml', async (original) => {
  const actual = await original<typeof import('yaml')>();
  return { ...actual, parse: vi.fn(actual.parse) };
});

afterEach(() => {
  vi.mocked(yaml.parse).mockClear();
});

async function refusal(text: string): Promise<KubeconfigFormatError> {
  const error = await parseKubeconfigYaml(text).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(KubeconfigFormatError);
  return error as KubeconfigFormatError;
}

describe('parseKubeconfigYaml', () => {
  it('reads the plain form without the yaml library, and anything else with it', async () => {
    expect(await parseKubeconfigYaml('kind: Config\nclusters:\n- name: c\n')).toEqual({
      kind: 'Config',
      clusters: [{ name: 'c' }],
    });
    expect(yaml.parse).not.toHaveBeenCalled();
    expect(await parseKubeconfigYaml('kind: Config # a comment\n')).toEqual({ kind: 'Config' });
    expect(yaml.parse).toHaveBeenCalledTimes(1);
  });

  it('reads YAML 1.1 as kubectl does: yes is true', async () => {
    expect(await parseKubeconfigYaml('insecure-skip-tls-verify: yes # 1.1\n')).toEqual({
      'insecure-skip-tls-verify': true,
    });
  });

  it('takes a duplicated key, the last one winning', async () => {
    expect(await parseKubeconfigYaml('# a comment\nkind: Secret\nkind: Config\n')).toEqual({ kind: 'Config' });
  });

  it('drops a byte order mark at the start, and only there', async () => {
    expect(await parseKubeconfigYaml('\uFEFFkind: Config\n')).toEqual({ kind: 'Config' });
    expect(await parseKubeconfigYaml('kind: "Con\uFEFFfig" # quoted\n')).toEqual({ kind: 'Con\uFEFFfig' });
  });

  it('refuses a syntax error with its position, never the line', async () => {
    const error = await refusal('apiVersion: v1\nkind: [Config\ntoken: hunter2');
    expect(error.reason).toMatch(/^not readable YAML \(line \d+, column \d+\)$/);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a document that expands aliases without end (no position to give)', async () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 0, previous = 'a'; level < 8; previous = `b${level}`, level++) {
      text += `b${level}: &b${level} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
    }
    expect((await refusal(text)).reason).toBe('not readable YAML');
  });
});
