/**
 * Step 1, route: which operation the method and path belong to in any version (its operationId names
 * the route for fault injection), `versions` for `GET /`, or 404 `NotFound`. A target that is not a
 * valid path is a 400.
 */
import type { Step } from '../pipeline.js';
import { readTarget } from '../request-target.js';
import { findRoute, type Route } from '../routes.js';

export function route(routes: readonly Route[]): Step {
  return (exchange) => {
    const method = exchange.method;
    const target = readTarget(exchange.request.url ?? '/');
    if (target === undefined) {
      return exchange.fail({
        status: 400,
        code: 'ValidationError',
        detail: ['The request target is not a valid path.'],
      });
    }
    exchange.pathname = target.pathname;
    exchange.search = target.search;
    const pathname = target.pathname;
    if (method === 'GET' && pathname === '/') {
      exchange.routeName = 'versions';
      return undefined;
    }
    const found = findRoute(routes, method, pathname);
    if (!found) {
      return exchange.fail({ status: 404, code: 'NotFound', detail: [`No resource answers ${method} ${pathname}.`] });
    }
    exchange.routeName = found.operationId;
    return undefined;
  };
}
