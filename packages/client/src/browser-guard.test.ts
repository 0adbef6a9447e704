import { afterEach, describe, expect, it } from 'vitest';
import { BrowserNotAllowedError, checkBrowser, inBrowser } from './browser-guard.js';
import { createVersionedClient } from './client.js';
import { SkeError } from './errors.js';
import { createVersionedRawClient } from './raw.js';
import { CLUSTER_ID, contract, OPERATIONS, type TestClient, useStubServer } from './test-support.js';

const stub = useStubServer();
const scope = globalThis as { window?: unknown; document?: unknown };

/** Makes this process look like a web page for one test. */
function pretendBrowser(): void {
  scope.window = globalThis;
  scope.document = {};
}
afterEach(() => {
  delete scope.window;
  delete scope.document;
});

describe('inBrowser', () => {
  it.each([
    ['a page (window and document)', { window: {}, document: {} }, true],
    ['Node, Bun or Deno (neither)', {}, false],
    ['a worker (self, no document)', { self: {} }, false],
    ['a window without a document', { window: {} }, false],
    ['a document without a window', { document: {} }, false],
    ['a null window', { window: null, document: {} }, false],
    ['a null document', { window: {}, document: null }, false],
    ['a window that is no object', { window: 'window', document: {} }, false],
    ['a document that is no object', { window: {}, document: 'document' }, false],
  ])('%s', (_name, fakeScope, expected) => {
    expect(inBrowser(fakeScope)).toBe(expected);
  });
});

describe('a client created in a browser', () => {
  it('is refused, explaining why, unless the caller opted in', () => {
    pretendBrowser();
    expect(() => createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options())).toThrow(
      BrowserNotAllowedError,
    );
    expect(() => createVersionedRawClient(contract(), stub.options())).toThrow(BrowserNotAllowedError);
    const error = (() => {
      try {
        checkBrowser(undefined);
      } catch (caught) {
        return caught as SkeError;
      }
    })();
    expect(error).toBeInstanceOf(SkeError);
    expect(error).toMatchObject({ code: 'ERR_SKE_BROWSER_NOT_ALLOWED' });
    expect(error?.message).toMatch(/secret key can be read by anyone .* dangerouslyAllowBrowser: true/);
    expect(stub.requests).toHaveLength(0);
  });

  it('works with dangerouslyAllowBrowser: true, and never refuses outside a browser', async () => {
    pretendBrowser();
    const client = createVersionedClient<TestClient>(
      contract(),
      OPERATIONS,
      stub.options({ dangerouslyAllowBrowser: true }),
    );
    const result = await client.showClusterUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    expect(result.status).toBe(200);
    delete scope.window;
    delete scope.document;
    expect(() => createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options())).not.toThrow();
  });
});
