/**
 * What the credentials chain reads from its runtime, Node's build: `process.env`, and
 * `~/.scpconf/credentials.json` with node:fs. The build for other runtimes (`platform-files.web.ts`)
 * reads no file, and the environment only where there is a `process.env`.
 */
import { readFile } from 'node:fs';
import { promisify } from 'node:util';

export { homedir } from 'node:os';
export { join } from 'node:path';

/**
 * The file's text; rejects with an error whose `code` says why not (`ENOENT`, …). node:fs, not
 * node:fs/promises: node:fs is loaded with Node itself, node:fs/promises would load for this one read
 * (about a millisecond of every short-lived program that signs).
 */
export const readText = (path: string): Promise<string> => promisify(readFile)(path, 'utf8');

/** The environment the chain reads by default. */
export const environment = (): Record<string, string | undefined> => process.env;
