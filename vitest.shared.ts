/**
 * The vitest settings every package shares: co-located tests, a JSON report for the root summary,
 * and generous time-outs. Many tests start servers or processes; on a loaded 2-core CI machine a
 * start can take seconds. Time-outs guard against hangs; they never measure speed (`pnpm bench` does).
 */
export default {
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};
