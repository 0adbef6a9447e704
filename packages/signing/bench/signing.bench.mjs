/**
 * computeSignature beside a bare node:crypto HMAC over the same inputs, in the same run.
 * Target: within 1.5× of the bare HMAC (the string concatenation and input checks are the overhead).
 * And, for information, the Web Crypto build's computeSignatureAsync (what workerd, browsers and
 * other runtimes load) beside the Node build's computeSignature, over the same vectors.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  compareInRounds,
  figure,
  microsecondsPerAsyncCall,
  microsecondsPerCall,
  writeFigures,
} from '@scp-ske/bench-kit';
import { computeSignature } from '../dist/index.mjs';
import { computeSignatureAsync as computeSignatureWeb } from '../dist/index.web.mjs';

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

const WEB_ITERATIONS = 5_000;
const web = await compareInRounds({
  rounds: 15,
  subject: () => microsecondsPerAsyncCall((i) => computeSignatureWeb(vectors[i % vectors.length]), WEB_ITERATIONS),
  baseline: () => microsecondsPerCall((i) => computeSignature(vectors[i % vectors.length]), WEB_ITERATIONS),
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
  figure({
    id: 'signing.web-crypto-vs-node',
    description: `computeSignatureAsync of the Web Crypto build (dist/index.web.mjs, crypto.subtle) vs computeSignature of the Node build (node:crypto) over the ${vectors.length} test vectors, on Node`,
    unit: 'µs/op',
    result: web,
    baselineName: 'computeSignature (node:crypto)',
  }),
]);
