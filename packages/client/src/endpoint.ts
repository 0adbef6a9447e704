/**
 * The base URL of a client: an explicit endpoint, or the spec's server template filled with a
 * checked region and environment. An endpoint with a user name or password is refused (it would be
 * sent as Basic auth and printed in logs), and the error never quotes it.
 */
import type { VersionContract } from './contract.js';
import { SkeInputError } from './errors.js';

const ABSOLUTE_URL_WITHOUT_QUERY = /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i;
/** `user[:password]@` before the host. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

export interface EndpointOptions {
  /** Explicit base URL (an emulator, a proxy); wins over region and environment. */
  endpoint?: string | undefined;
  region?: string | undefined;
  environment?: string | undefined;
}

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export function resolveEndpoint(server: VersionContract['server'], options: EndpointOptions): string {
  if (options.endpoint !== undefined) {
    if (typeof options.endpoint === 'string' && USERINFO.test(options.endpoint)) {
      throw new SkeInputError(
        'endpoint',
        'an absolute http(s) URL without a user name or password (SCP authenticates with the signing headers), e.g. http://127.0.0.1:8080',
      );
    }
    if (typeof options.endpoint !== 'string' || !ABSOLUTE_URL_WITHOUT_QUERY.test(options.endpoint)) {
      throw new SkeInputError('endpoint', 'an absolute http(s) URL without query, e.g. http://127.0.0.1:8080');
    }
    return options.endpoint.replace(/\/+$/, '');
  }
  const environments = Object.keys(server.regions);
  const { environment, region } = options;
  if (environment === undefined || !environments.includes(environment)) {
    throw new SkeInputError(
      'environment',
      `one of ${environments.join(', ')} (or pass endpoint)${environment === undefined ? '' : `, received "${environment}"`}`,
    );
  }
  const regions = server.regions[environment] as readonly string[];
  if (region === undefined || !regions.includes(region)) {
    throw new SkeInputError(
      'region',
      `one of ${regions.join(', ')} for environment "${environment}"${region === undefined ? '' : `, received "${region}"`}`,
    );
  }
  return server.url.replace('{region}', region).replace('{environment}', environment);
}
