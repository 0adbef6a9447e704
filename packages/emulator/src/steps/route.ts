/**
 * Step 1, route: which operation the method and path belong to in any version (its operationId names
 * the route for fault injection), `versions` for `GET /`, or 404 `NotFound`. A target that is not a
 * valid path is a 400.
 */
import type { Step } from '../pipeline.js';
import { matchRoute, type Route } from '../routes.js';

export function route(routes: readonly Route[]): Step {
  return (exchange) => {
    const method = exchange.method;
    try {
      // Origin-form targets are paths, even one like `//a` that URL would read as a host.
      const target = exchange.request.url ?? '/';
      exchange.url = new URL(target.startsWith('/') ? `http://emulator.invalid${target}` : target);
    } catch {
      return exchange.fail({
        status: 400,
        code: 'ValidationError',
        detail: ['The request target is not a valid path.'],
      });
    }
    const pathname = exchange.url.pathname;
    if (method === 'GET' && pathname === '/') {
      exchange.routeName = 'versions';
      return undefined;
    }
    const matched = matchRoute(routes, method, pathname);
    if (!matched) {
      return exchange.fail({ status: 404, code: 'NotFound', detail: [`No resource answers ${method} ${pathname}.`] });
    }
    exchange.routeName = matched.route.operationId;
    return undefined;
  };
}
