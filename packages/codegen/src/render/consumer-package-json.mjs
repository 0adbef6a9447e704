// @ts-check
/**
 * A consumer's `package.json`, with a `workspace:*` dependency on every version's client package
 * (and none on a version the spec no longer has); everything else in it is left as it was.
 */
import { jsonFile } from './text.mjs';

/** @import { Model } from '../model.mjs' */

const CLIENT_PACKAGE = /^@scp-ske\/client-\d/;

/**
 * @param {{ dependencies?: Record<string, string>, [field: string]: unknown }} manifest The consumer's current `package.json`.
 * @param {Model} model
 */
export function renderConsumerPackageJson(manifest, { clients }) {
  const kept = Object.entries(manifest.dependencies ?? {}).filter(([name]) => !CLIENT_PACKAGE.test(name));
  /** @type {[string, string][]} */
  const clientDependencies = clients.map(({ packageName }) => [packageName, 'workspace:*']);
  const dependencies = Object.fromEntries([...kept, ...clientDependencies].sort(([a], [b]) => a.localeCompare(b)));
  return jsonFile({ ...manifest, dependencies });
}
