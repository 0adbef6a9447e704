/** Step 3, `GET /`: SCP's version list, every version with its state and Not Before date (YYYY-MM-DD), unsigned. */
import type { Manifest } from '@scp-ske/spec';
import type { Step } from '../pipeline.js';

export function versionList(manifest: Manifest, baseUrl: () => string): Step {
  return (exchange) => {
    if (exchange.routeName !== 'versions') return undefined;
    const body = {
      versions: manifest.versions.map((entry) => ({
        id: `v${entry.version}`,
        links: [{ href: `${baseUrl()}/`, rel: 'self' }],
        not_before: entry.notBefore,
        status: entry.state,
      })),
    };
    return { status: 200, body: JSON.stringify(body), contentType: 'application/json' };
  };
}
