/** Backups rotate: .bak.1 the newest, at most 5, each the state before one write. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPath, rotateBackups } from './backup-rotation.js';
import { scratchHome } from './testing/run-cli.js';

describe('rotateBackups', () => {
  it('keeps the newest as .bak.1 and drops the sixth', async () => {
    const file = join(scratchHome(), 'config');
    for (let state = 1; state <= 7; state++) expect(await rotateBackups(file, `state ${state}`)).toBe(`${file}.bak.1`);
    expect([1, 2, 3, 4, 5].map((index) => readFileSync(backupPath(file, index), 'utf8'))).toEqual([
      'state 7',
      'state 6',
      'state 5',
      'state 4',
      'state 3',
    ]);
    expect(existsSync(`${file}.bak.6`)).toBe(false);
    expect(statSync(`${file}.bak.1`).mode & 0o777).toBe(0o600);
  });
});
