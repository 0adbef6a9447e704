/**
 * What the credentials chain reads from its runtime, outside Node: no file (reading one rejects, and
 * the chain reports `file …: not readable (no file access outside Node: …)`), and `process.env` only
 * where the runtime has one (else nothing is set). See `platform-files.ts`, Node's build.
 */
import type * as NodeFiles from './platform-files.js';

const NO_FILES = 'no file access outside Node: pass credentials or a provider';

export const readText: typeof NodeFiles.readText = () =>
  Promise.reject(Object.assign(new Error(NO_FILES), { code: NO_FILES }));

export const homedir: typeof NodeFiles.homedir = () => '~';

export const join: typeof NodeFiles.join = (...parts) => parts.join('/');

export const environment: typeof NodeFiles.environment = () =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
