/**
 * The tests Stryker runs for the emulator (stryker.config.mjs): those of the mutated modules, in this
 * process (an emulator on 127.0.0.1 port 0 at most). Left out: the tests that spawn processes (the
 * emulator's binary, kubectl in emulator.test.ts), the Kubernetes client's routing tests and the
 * fuzzing (thousands of random requests per mutant): each reaches authentication on every request, so
 * Stryker ran them for nearly every mutant, more than an hour at one runner. `pnpm test` runs them all.
 * The property tests try 200 random cases each here (PROPERTY_RUNS, src/testing/property-runs.ts), not
 * thousands: a mutant of the HMAC or the base64 comparison fails on nearly any input.
 */
import shared from '../../vitest.shared.js';

export default {
  test: {
    ...shared.test,
    env: { PROPERTY_RUNS: '200' },
    include: [
      'src/authenticate.test.ts',
      'src/verify-signature.test.ts',
      'src/base64-match.test.ts',
      'src/select-version.test.ts',
      'src/parameters.test.ts',
      'src/accept-language.test.ts',
      'src/pipeline.test.ts',
      'src/http-edges.test.ts',
      'src/malformed-http.test.ts',
      'src/steps/judging-steps.test.ts',
    ],
  },
};
