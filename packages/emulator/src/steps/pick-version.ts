/** Step 5, version: the API version `Scp-Api-Version` asks for and the emulator's date serves, or 406. */
import type { Manifest } from '@scp-ske/spec';
import type { Step } from '../pipeline.js';
import { selectVersion } from '../select-version.js';

export function pickVersion(manifest: Manifest): Step {
  return (exchange) => {
    const version = selectVersion(manifest, exchange.header('Scp-Api-Version'), new Date(exchange.nowMs));
    if ('status' in version) return exchange.fail(version);
    exchange.version = version;
    exchange.record.apiVersion = version.apiVersion;
    return undefined;
  };
}
