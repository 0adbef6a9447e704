/**
 * `scp-ske versions`: the lifecycle table, from the manifest or from the service's `GET /` (checked:
 * a `versions` array of entries with a string `id`; every value shown as one line of text).
 */
import { ResponseFormatError, SkeApiError } from '@scp-ske/client';
import { CredentialsNotFoundError, createCredentialChain, createSignedFetch, NetworkError } from '@scp-ske/signing';
import { isServed, type LifecycleState, manifest } from '@scp-ske/spec';
import { shown } from '../cluster-answers.js';
import { debugLog } from '../connection.js';
import { helpText } from '../help.js';
import { OUTPUT_OPTIONS, outputFormat, printData } from '../output.js';
import { rememberSecret } from '../terminal-text.js';
import { table as textTable } from '../text-table.js';
import { parseFlags, UsageError } from '../usage.js';
import type { Io } from './kubeconfig.js';

interface Row {
  version: string;
  state: LifecycleState;
  notBefore: string | null;
  servedToday: boolean;
}

interface VersionList {
  versions: { id: string; status: LifecycleState; not_before: string | null }[];
}

async function fromService(endpoint: string, io: Io, debug: boolean): Promise<Omit<Row, 'servedToday'>[]> {
  // Credentials from the usual chain (environment, ~/.scpconf); GET / may also be answered unsigned.
  const chain = createCredentialChain({ env: io.env, homeDir: io.homeDir });
  const signedFetch = createSignedFetch({
    credentials: async () => {
      const credentials = await chain();
      rememberSecret(io, credentials.secretKey);
      return credentials;
    },
    ...(debug && { onAttempt: debugLog(io.stderr) }),
  });
  const url = `${endpoint.replace(/\/+$/, '')}/`;
  // A fetch that fails (refused, reset, no such host) rejects with a TypeError: a NetworkError here, as elsewhere.
  const networkError = (cause: unknown) => {
    throw cause instanceof TypeError ? new NetworkError('GET', url, cause) : cause;
  };
  const response = await signedFetch(url).catch(async (error) => {
    // GET / may be public: without credentials, ask unsigned.
    if (!(error instanceof CredentialsNotFoundError)) return networkError(error);
    return fetch(url).catch(networkError);
  });
  const text = await response.text();
  if (!response.ok) throw SkeApiError.fromResponse(response, text, 'GET /');
  let list: VersionList;
  try {
    list = JSON.parse(text) as VersionList;
  } catch {
    throw new ResponseFormatError('the version list is not JSON');
  }
  if (!Array.isArray(list?.versions)) throw new ResponseFormatError('the version list has no "versions" array');
  if (!list.versions.every((entry) => typeof entry?.id === 'string')) {
    throw new ResponseFormatError('an entry of the version list has no string "id"');
  }
  return list.versions.map((entry) => ({
    version: entry.id.replace(/^v/, ''),
    state: entry.status,
    notBefore: entry.not_before,
  }));
}

export async function versionsCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, {
    endpoint: { type: 'string' },
    json: { type: 'boolean' },
    ...OUTPUT_OPTIONS,
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (flags.help) {
    io.stdout(helpText('versions'));
    return 0;
  }
  if (flags.endpoint !== undefined && !/^https?:\/\/\S+$/.test(flags.endpoint)) {
    throw new UsageError(`--endpoint: expected an http(s) URL, received "${flags.endpoint}"`);
  }
  const today = new Date();
  const source = flags.endpoint ? await fromService(flags.endpoint, io, flags.debug ?? false) : manifest.versions;
  const rows: Row[] = source.map(({ version, state, notBefore }) => ({
    version,
    state,
    notBefore,
    servedToday: isServed({ state, notBefore }, today),
  }));
  const format = outputFormat(flags);
  if (format !== 'table') {
    const data = { source: flags.endpoint ?? 'manifest', today: today.toISOString().slice(0, 10), versions: rows };
    await printData(io, format, data, () => '');
    return 0;
  }
  const table = [
    ['VERSION', 'STATE', 'NOT BEFORE', 'SUPPORTED TODAY'],
    ...rows.map((row) => [
      `ske ${shown(row.version)}`,
      shown(row.state),
      shown(row.notBefore),
      row.servedToday ? 'yes' : 'no',
    ]),
  ];
  io.stdout(textTable(table));
  return 0;
}
