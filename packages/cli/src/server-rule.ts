/**
 * Which API servers a kubeconfig from SKE may point at, before `kubeconfig get` or `merge` writes it:
 * `https` only (over plain HTTP the cluster's token would travel in clear), and a host in SCP's domain
 * (`samsungsdscloud.com`, where the client's endpoints are `ske.{region}.{environment}.samsungsdscloud.com`,
 * and the clusters' API servers live) that names no other SCP environment than the endpoint's, or
 * the endpoint's own host (an emulator's or a proxy's kubeconfigs point at it); or a host the user
 * names with `--allow-server-host`. A refusal says which rule refused which server.
 */
import { UnsafeKubeconfigError } from './kubeconfig-errors.js';
import { oneLine } from './terminal-text.js';
import { UsageError } from './usage.js';

/** The domain of every SCP host the client builds (`https://ske.{region}.{environment}.samsungsdscloud.com`). */
export const SCP_DOMAIN = 'samsungsdscloud.com';

export interface ServerRule {
  /** The client's base URL: the endpoint the kubeconfig came from. */
  endpoint: string;
  /** Every SCP environment (`s`, `g`, `e`: the spec's). */
  environments: readonly string[];
  /** Hosts the user accepts whatever they are (`--allow-server-host`), as `hostOf` writes them. */
  allowedHosts: readonly string[];
}

/** A URL's host in one form: lower case, IPv6 in brackets, no trailing dot. */
const hostOf = (url: URL) => url.hostname.replace(/\.$/, '');

/** A `--allow-server-host` value as `hostOf` writes hosts; a UsageError when it is no bare host. */
export function allowedHost(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(`https://${value}`);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.host !== url.hostname || `https://${url.host}/` !== url.href) {
    throw new UsageError(
      `--allow-server-host: expected a host name or IP address (no scheme, port or path), received "${oneLine(value)}"`,
    );
  }
  return hostOf(url);
}

/** Whether `host` is SCP's domain or in it. */
const inScpDomain = (host: string) => host === SCP_DOMAIN || host.endsWith(`.${SCP_DOMAIN}`);

/** The SCP environment a host in SCP's domain names (`e` in `….e.samsungsdscloud.com`), if any. */
function environmentOf(host: string, environments: readonly string[]): string | undefined {
  if (!host.endsWith(`.${SCP_DOMAIN}`)) return undefined;
  const label = host
    .slice(0, -SCP_DOMAIN.length - 1)
    .split('.')
    .pop() as string;
  return environments.includes(label) ? label : undefined;
}

/** The refusal of `server` by rule `which`; `host`, when the user may allow it with --allow-server-host. */
function refusal(server: string, which: 'https' | 'host' | 'environment', why: string, host?: string) {
  const hint = host === undefined ? '' : ` (pass --allow-server-host ${host} to accept it)`;
  return new UnsafeKubeconfigError(which, `its server ${oneLine(server)} ${why}${hint}`, server);
}

/** Refuses `server` (a kubeconfig cluster's `server`) unless the rule allows it. */
export function checkServer(server: string, rule: ServerRule): void {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    // Stryker disable next-line StringLiteral: message text
    throw refusal(server, 'https', 'is not an https URL');
  }
  // Stryker disable next-line StringLiteral: message text
  if (url.protocol !== 'https:') throw refusal(server, 'https', 'is not https: scp-ske writes only https servers');
  const host = hostOf(url);
  if (rule.allowedHosts.includes(host)) return;
  const endpointHost = hostOf(new URL(rule.endpoint));
  if (host === endpointHost) return;
  if (!inScpDomain(host)) {
    // Stryker disable next-line StringLiteral: message text
    const why = `is neither in SCP's domain (${SCP_DOMAIN}) nor on the endpoint's host (${endpointHost})`;
    throw refusal(server, 'host', why, host);
  }
  const wanted = environmentOf(endpointHost, rule.environments);
  const named = environmentOf(host, rule.environments);
  if (wanted !== undefined && named !== undefined && named !== wanted) {
    // Stryker disable next-line StringLiteral: message text
    const why = `is in SCP environment "${named}", not in the endpoint's ("${wanted}")`;
    throw refusal(server, 'environment', why, host);
  }
}
