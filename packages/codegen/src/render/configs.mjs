// @ts-check
/** A client package's one-line configs: the same for every version. */
import { jsonFile } from './text.mjs';

/** By file name: TypeScript over `src`, and tsdown's two entries (the client and `./raw`). */
export const CONFIG_FILES = {
  'tsconfig.json': jsonFile({ extends: '../../tsconfig.base.json', include: ['src'] }),
  'tsdown.config.ts':
    "import shared from '../../tsdown.shared.mjs';\n\nexport default { ...shared, entry: ['src/index.ts', 'src/raw.ts'] };\n",
};
