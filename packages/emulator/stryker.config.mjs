import { strykerConfig } from '../../stryker.shared.mjs';

/**
 * Where a request is judged: authentication (signature, keys, account), version selection, parameter
 * validation (with the grammar of Accept-Language).
 */
export default strykerConfig({
  packageDir: import.meta.dirname,
  mutate: [
    'src/authenticate.ts',
    'src/verify-signature.ts',
    'src/base64-match.ts',
    'src/steps/check-signature.ts',
    'src/select-version.ts',
    'src/steps/pick-version.ts',
    'src/parameters.ts',
    'src/accept-language.ts',
    'src/steps/validate-parameters.ts',
  ],
  vitestConfig: 'vitest.stryker.config.ts',
});
