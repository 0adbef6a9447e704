/** The vitest settings every package shares: co-located tests, and a JSON report for the root summary. */
export default {
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
};
