/** Step 5, version: the API version `Scp-Api-Version` asks for and the emulator's date serves, or 406. */
import type { Manifest } from '@scp-ske/spec';
import type { Step } from '../pipeline.js';
import { createVersionSelector } from '../select-version.js';

export function pickVersion(manifest: Manifest): Step {
  const selectVersion = createVersionSelector(manifest);
  return (exchange) => {
    const version = selectVersion(exchange.header('scp-api-version'), new Date(exchange.nowMs));
    if ('status' in version) return exchange.fail(version);
    exchange.version = version;
    exchange.record.apiVersion = version.apiVersion;
    return undefined;
  };
}
