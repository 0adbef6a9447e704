/** File access outside Node: none (see `platform-files.ts`, Node's build). */
import type * as NodeFiles from './platform-files.js';

export const files: typeof NodeFiles.files = undefined;
