import shared from '../../tsdown.shared.mjs';

/**
 * Two builds of one source. `dist/index.mjs`, for Node (and Bun and Deno, which resolve the `node`
 * condition): node:crypto's synchronous HMAC, node:http, the credentials file. `dist/index.web.mjs`,
 * for every other runtime (`browser`, `workerd`, `default`): the modules named in `WEB_MODULES`
 * replaced by their `.web.ts` twin (Web Crypto, no transport but fetch, no file), so that it imports
 * no Node built-in at all. Both builds share one set of declarations (`dist/index.d.mts`): each twin
 * is typed as the module it replaces.
 */
const WEB_MODULES = ['./hmac.js', './platform-files.js', './transport.js'];

const webModules = {
  name: 'scp-ske-web-modules',
  resolveId(source: string, importer: string | undefined) {
    if (importer === undefined || !WEB_MODULES.includes(source)) return null;
    return new URL(source.replace(/\.js$/, '.web.ts'), `file://${importer}`).pathname;
  },
};

export default [
  shared,
  {
    entry: { 'index.web': 'src/index.ts' },
    platform: 'neutral',
    target: 'es2022',
    dts: false,
    clean: false,
    fixedExtension: true,
    plugins: [webModules],
  },
];
