/**
 * Step 7, IAM: a key whose `actions` do not include the operation's `x-scp-action-id` gets 403
 * `Forbidden`, whatever the operation. A key without `actions` may use every action.
 */
import type { EmulatorCredentials } from '../fixtures.js';
import type { Step } from '../pipeline.js';

export function authorize(credentials: readonly EmulatorCredentials[]): Step {
  const allowed = new Map(
    credentials.map((entry) => [entry.accessKey, entry.actions === undefined ? undefined : new Set(entry.actions)]),
  );
  return (exchange) => {
    const action = exchange.matched.route.actionId;
    const actions = allowed.get(exchange.caller.accessKey);
    if (action === undefined || actions === undefined || actions.has(action)) return undefined;
    return exchange.fail({ status: 403, code: 'Forbidden', detail: [`This access key may not use ${action}.`] });
  };
}
