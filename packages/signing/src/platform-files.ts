/**
 * File access for the credentials chain, Node's build: `~/.scpconf/credentials.json` is read with
 * node:fs. The build for other runtimes (`platform-files.web.ts`) reads no files: credentials come
 * from the options, a provider or `process.env` where there is one.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface FileAccess {
  read(path: string): Promise<string>;
  home(): string;
  join(...parts: string[]): string;
}

export const files: FileAccess | undefined = { read: (path) => readFile(path, 'utf8'), home: homedir, join };
