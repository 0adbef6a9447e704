/**
 * How many random cases a property test tries: `n` in `pnpm test`, fewer where `PROPERTY_RUNS` says
 * so. Stryker's run sets it (vitest.stryker.config.ts): a mutant of the HMAC or the base64 comparison
 * fails on nearly any input, and a surviving one would otherwise cost every case of every property.
 */
export function propertyRuns(n: number): number {
  const asked = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, n) : n;
}
