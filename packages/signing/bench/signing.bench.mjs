/**
 * computeSignature beside a bare node:crypto HMAC over the same inputs, in the same run.
 * Target: within 1.5× of the bare HMAC (the string concatenation and input checks are the overhead).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compareInRounds, figure, microsecondsPerCall, writeFigures } from '@scp-ske/bench-kit';
import { computeSignature } from '../dist/index.mjs';

const packageDir = new URL('..', import.meta.url).pathname;
const vectors = JSON.parse(readFileSync(new URL('../test-vectors/vectors.json', import.meta.url), 'utf8'));
const ITERATIONS = 20_000;

const result = await compareInRounds({
  rounds: 15,
  subject: () => microsecondsPerCall((i) => computeSignature(vectors[i % vectors.length]), ITERATIONS),
  baseline: () =>
    microsecondsPerCall((i) => {
      const vector = vectors[i % vectors.length];
      return createHmac('sha256', vector.secretKey).update(vector.stringToSign).digest('base64');
    }, ITERATIONS),
});

writeFigures(packageDir, '@scp-ske/signing', [
  figure({
    id: 'signing.computeSignature',
    description: `computeSignature vs bare createHmac(...).digest('base64') over the ${vectors.length} test vectors`,
    unit: 'µs/op',
    result,
    baselineName: 'bare HMAC',
    target: { op: '<=', value: 1.5 },
  }),
]);
