/**
 * Authentication as SCP's gateway does it: every signing header present, `Scp-ClientType: Openapi`,
 * a timestamp inside the window, the HMAC recomputed over the full URL as received (verify-signature.ts),
 * compared in constant time, then `Scp-AccountId` (when sent) against the key's account. A failure names the
 * check that failed, never the secret, the expected signature or the expected account.
 */
import { CLIENT_TYPE } from '@scp-ske/signing';
import type { ErrorAnswer } from './envelope.js';
import type { EmulatorCredentials } from './fixtures.js';
import { signatureMatches } from './verify-signature.js';

export interface AuthInput {
  method: string;
  /** The full URL as received: scheme, Host header, path and query, untouched. */
  url: string;
  /** A header's value by its name in lower case. */
  header(name: string): string | undefined;
  nowMs: number;
  windowMs: number;
  credentials: ReadonlyMap<string, EmulatorCredentials>;
}

const REQUIRED = ['Scp-AccessKey', 'Scp-Timestamp', 'Scp-Signature', 'Scp-ClientType'] as const;
const TIMESTAMP = /^\d{1,16}$/;

const reject = (code: string, detail: string): ErrorAnswer => ({ status: 401, code, detail: [detail] });

export function authenticate(input: AuthInput): EmulatorCredentials | ErrorAnswer {
  const accessKey = input.header('scp-accesskey');
  const timestamp = input.header('scp-timestamp');
  const signature = input.header('scp-signature');
  const clientType = input.header('scp-clienttype');
  if (!accessKey || !timestamp || !signature || !clientType) {
    const missing = REQUIRED.filter((name) => !input.header(name.toLowerCase()));
    return reject('MissingSignatureHeader', `Missing signing header(s): ${missing.join(', ')}.`);
  }
  if (clientType !== CLIENT_TYPE) {
    return reject('InvalidClientType', `Scp-ClientType must be "${CLIENT_TYPE}".`);
  }
  if (!TIMESTAMP.test(timestamp)) return reject('InvalidTimestamp', 'Scp-Timestamp must be Unix time in milliseconds.');
  if (Math.abs(input.nowMs - Number(timestamp)) > input.windowMs) {
    return reject(
      'TimestampOutOfWindow',
      `Scp-Timestamp is more than ${input.windowMs} ms away from the server's clock.`,
    );
  }
  const credentials = input.credentials.get(accessKey);
  if (!credentials) return reject('UnknownAccessKey', 'The access key is not known.');
  const accountId = input.header('scp-accountid') ?? '';
  let matches: boolean;
  try {
    const request = { method: input.method, url: input.url, timestamp, accessKey, accountId };
    matches = signatureMatches(credentials, request, signature);
  } catch {
    return reject('SignatureMismatch', 'The request cannot be signed as received (malformed method or URL).');
  }
  if (!matches) return reject('SignatureMismatch', 'The signature does not match the request.');
  return checkAccount(accountId, credentials) ?? credentials;
}

/**
 * A signed `Scp-AccountId` must be the key's own account (absent, the account is the key's). A key
 * without `accountId` in the fixtures belongs to no account, so it may send none: a client that
 * sends one (SCP_ACCOUNT_ID left set from another account) learns it here, not later.
 */
function checkAccount(sent: string, credentials: EmulatorCredentials): ErrorAnswer | undefined {
  if (sent === '' || sent === credentials.accountId) return undefined;
  return reject(
    'AccountMismatch',
    credentials.accountId === undefined
      ? 'This access key belongs to no account: send no Scp-AccountId.'
      : 'Scp-AccountId is not the account of this access key.',
  );
}
