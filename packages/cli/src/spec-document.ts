/**
 * The spec of the chosen API version, for what the command table leaves to it: whether an operation
 * exists in that version, its request body's schema, and its `x-scp-state-change` (asynchronous or
 * not, the resource it changes, a create or a delete). Read from @scp-ske/spec's dereferenced
 * document, on demand: only a command that sends a body or waits pays for parsing it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { manifest } from '@scp-ske/spec';
import type { Version } from './connection.js';
import { UsageError } from './usage.js';

/** A JSON Schema of the dereferenced document (no `$ref`). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  description?: string;
  example?: unknown;
  [key: string]: unknown;
}

/** An operation's `x-scp-state-change`: the resource it changes, and how. */
export interface StateChange {
  resource: string;
  kind: 'create' | 'update' | 'delete';
  /** The status while the change runs; without it the change is done when the call returns. */
  during?: string;
  settles?: string;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** The request body's schema (application/json), when the operation takes one. */
  body?: JsonSchema;
  stateChange?: StateChange;
  /** A list that pages (`x-scp-pagination`): the property of its items. */
  pagesItems?: string;
}

type Document = { paths: Record<string, Record<string, Record<string, unknown>>> };

const documents = new Map<Version, Document>();

function documentOf(version: Version): Document {
  let document = documents.get(version);
  if (!document) {
    const file = createRequire(import.meta.url).resolve(`@scp-ske/spec/openapi/ske-${version}.dereferenced.json`);
    document = JSON.parse(readFileSync(file, 'utf8')) as Document;
    documents.set(version, document);
  }
  return document;
}

/** The operation in the version's document, or undefined when that version has no such operation. */
export function findOperation(version: Version, operationId: string): SpecOperation | undefined {
  for (const [path, item] of Object.entries(documentOf(version).paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (value?.operationId !== operationId) continue;
      const body = (value.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
        'application/json'
      ]?.schema;
      const stateChange = value['x-scp-state-change'] as StateChange | undefined;
      const pagesItems = (value['x-scp-pagination'] as { items?: string } | undefined)?.items;
      return {
        operationId,
        method: method.toUpperCase(),
        path,
        ...(body && { body }),
        ...(stateChange && { stateChange }),
        ...(pagesItems && { pagesItems }),
      };
    }
  }
  return undefined;
}

/** The versions whose document has the operation, e.g. `ske 1.1, ske 1.2, ske 1.3`. */
function versionsWith(operationId: string): string[] {
  return manifest.versions
    .filter((entry) => {
      try {
        return findOperation(entry.version as Version, operationId) !== undefined;
      } catch {
        return false;
      }
    })
    .map((entry) => entry.apiVersion);
}

/** The operation, or a UsageError naming the versions that have it: before any request. */
export function requireOperation(version: Version, operationId: string, command: string): SpecOperation {
  const found = findOperation(version, operationId);
  if (found) return found;
  const others = versionsWith(operationId);
  throw new UsageError(
    `${command}: the API version ske ${version} has no ${operationId} operation` +
      (others.length > 0 ? `; it is in ${others.join(', ')} (--api-version)` : ''),
  );
}

interface WaiterSpec {
  success?: string[];
  notFound?: string;
}

/**
 * The client waiter (`client.waitUntil.<name>`) that waits for the end of `change`: among the
 * `x-scp-waiters` of the resource's show operation, the one a 404 satisfies after a delete, else the
 * one whose success is the state the change settles in.
 */
export function waiterFor(version: Version, change: StateChange): string | undefined {
  for (const item of Object.values(documentOf(version).paths)) {
    for (const value of Object.values(item)) {
      if (value?.['x-scp-resource'] !== change.resource) continue;
      const waiters = Object.entries((value['x-scp-waiters'] ?? {}) as Record<string, WaiterSpec>);
      const found = waiters.find(([, waiter]) =>
        change.kind === 'delete'
          ? waiter.notFound === 'success'
          : waiter.success?.some((status) => status.toUpperCase() === change.settles?.toUpperCase()),
      );
      if (found) return found[0];
    }
  }
  return undefined;
}

/** Whether a call of the operation returns before its change is done (so `--wait` has something to wait for). */
export const isAsynchronous = (operation: SpecOperation): boolean => operation.stateChange?.during !== undefined;
