/** Step 6, the route in the selected version: 404 when that version's document has no such operation. */
import type { Step } from '../pipeline.js';
import { matchRoute, type Route } from '../routes.js';

export function routeInVersion(routesByVersion: ReadonlyMap<string, readonly Route[]>): Step {
  return (exchange) => {
    const { method, version } = exchange;
    const { pathname } = exchange;
    const matched = matchRoute(routesByVersion.get(version.version) ?? [], method, pathname);
    if (!matched) {
      return exchange.fail({
        status: 404,
        code: 'NotFound',
        detail: [`${version.apiVersion} has no ${method} ${pathname}.`],
      });
    }
    exchange.matched = matched;
    return undefined;
  };
}
