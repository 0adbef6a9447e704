/** Names beside a file: the suffix appended, or, past 255 bytes, a shortened name with a hash. */
import { describe, expect, it } from 'vitest';
import { besideName, besidePath } from './beside-path.js';

describe('besideName', () => {
  it('appends the suffix to a name that leaves room for it', () => {
    expect(besideName('config', '.lock')).toBe('config.lock');
    expect(besidePath('/home/me/.kube/config', '.bak.1')).toBe('/home/me/.kube/config.bak.1');
  });

  it('shortens a long name to 255 bytes, without splitting a character, distinct for distinct names', () => {
    const long = `${'가'.repeat(84)}.yaml`; // 257 bytes
    const name = besideName(long, '.lock');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^가+~[0-9a-f]{16}\.lock$/);
    expect(besideName(`${long}x`, '.lock')).not.toBe(name);
  });
});
