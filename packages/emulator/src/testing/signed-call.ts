/**
 * Test support: signed requests to a running emulator, as a client sends them (createSignedFetch
 * from @scp-ske/signing, no retries), with the emulator's clock; answers the response and its text.
 */
import { createSignedFetch } from '@scp-ske/signing';
import type { Emulator } from '../emulator.js';
import { DEMO_CREDENTIALS, type EmulatorCredentials } from '../fixtures.js';

export interface CallOptions {
  /** `Scp-Api-Version`; default `ske 1.3`; null sends none. */
  version?: string | null;
  /** Default: the first demo key (every action). */
  credentials?: EmulatorCredentials;
  /** Default GET. */
  method?: string;
  /** Sent as JSON (`application/json`); a string is sent as it is. */
  body?: unknown;
  /** More headers (a Content-Type here wins). */
  headers?: Record<string, string>;
}

export function signedCaller(emulator: () => Emulator) {
  return async (
    path: string,
    { version, credentials = DEMO_CREDENTIALS[0], method = 'GET', body, headers: extra = {} }: CallOptions = {},
  ) => {
    const headers: Record<string, string> = {};
    if (version !== null) headers['Scp-Api-Version'] = version ?? 'ske 1.3';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, extra);
    const signed = createSignedFetch({
      credentials: credentials as EmulatorCredentials,
      now: () => emulator().now(),
      retry: { maxRetries: 0 },
    });
    const response = await signed(`${emulator().url}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { response, body: await response.text() };
  };
}

/** The first error of an envelope. */
export const firstError = (body: string) => JSON.parse(body).errors[0];
