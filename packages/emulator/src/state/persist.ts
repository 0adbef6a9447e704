/**
 * The state file (`--state FILE`, `startEmulator({ stateFile })`): the store as JSON, so that a demo
 * survives a restart. It is written after every change, atomically (a temporary file beside it,
 * flushed to disk, then renamed over it: a reader or a crash sees the old file or the new one, never
 * half of one), and read when the emulator starts, in place of the fixtures' clusters. Changes still
 * running are kept with the instant they are due, and carried out on the emulator's clock after the
 * restart.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { type Entry, newEntry, type Pending, type Resource, Store } from './store.js';

export const STATE_FORMAT = 'scp-ske-emulator/state';

interface SavedNodepool {
  nodepool: Resource;
  nodes: Resource[];
  nextNode: number;
  pending?: Pending;
}

interface SavedCluster {
  accessKeys: string[];
  cluster: Resource;
  pending?: Pending;
  nodepools: SavedNodepool[];
}

export interface SavedState {
  format: typeof STATE_FORMAT;
  version: 1;
  clusters: SavedCluster[];
}

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

const withPending = (entry: Entry) => (entry.pending ? { pending: entry.pending } : {});

export function saveState(store: Store): SavedState {
  return {
    format: STATE_FORMAT,
    version: 1,
    clusters: [...store.tops()].map((cluster) => ({
      accessKeys: cluster.accessKeys,
      cluster: cluster.value,
      ...withPending(cluster),
      nodepools: [...cluster.children.values()].map((nodepool) => ({
        nodepool: nodepool.value,
        nodes: nodepool.nodes,
        nextNode: nodepool.nextNode,
        ...withPending(nodepool),
      })),
    })),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function check(condition: boolean, file: string, problem: string): asserts condition {
  if (!condition) throw new StateFileError(`state file ${file}: ${problem}`);
}

function pendingOf(value: unknown, file: string, where: string): Pending | undefined {
  if (value === undefined) return undefined;
  check(isObject(value) && typeof value.dueAt === 'number', file, `${where}.pending: expected { dueAt, … }`);
  return value as unknown as Pending;
}

/** A store from a saved state, checked enough to name what is wrong with a file that is not one. */
export function loadState(data: unknown, file: string): Store {
  check(
    isObject(data) && data.format === STATE_FORMAT,
    file,
    `not a state file of this emulator (format ${STATE_FORMAT})`,
  );
  check(data.version === 1, file, `version ${String(data.version)} is not one this emulator reads (1)`);
  check(Array.isArray(data.clusters), file, 'clusters: expected an array');
  const store = new Store();
  (data.clusters as unknown[]).forEach((saved, index) => {
    const where = `clusters[${index}]`;
    check(
      isObject(saved) && isObject(saved.cluster) && typeof saved.cluster.id === 'string',
      file,
      `${where}: expected { cluster: { id, … }, … }`,
    );
    check(Array.isArray(saved.accessKeys), file, `${where}.accessKeys: expected an array`);
    const cluster = newEntry('cluster', saved.cluster as Resource);
    cluster.accessKeys = saved.accessKeys as string[];
    cluster.pending = pendingOf(saved.pending, file, where);
    store.add(cluster);
    const nodepools = saved.nodepools ?? [];
    check(Array.isArray(nodepools), file, `${where}.nodepools: expected an array`);
    (nodepools as unknown[]).forEach((item, position) => {
      const at = `${where}.nodepools[${position}]`;
      check(
        isObject(item) && isObject(item.nodepool) && typeof item.nodepool.id === 'string',
        file,
        `${at}: expected { nodepool: { id, … }, … }`,
      );
      const nodepool = newEntry('nodepool', item.nodepool as Resource, cluster);
      nodepool.nodes = Array.isArray(item.nodes) ? (item.nodes as Resource[]) : [];
      nodepool.nextNode = typeof item.nextNode === 'number' ? item.nextNode : nodepool.nodes.length;
      nodepool.pending = pendingOf(item.pending, file, at);
      store.add(nodepool);
    });
  });
  return store;
}

/** The store saved in `file`, or undefined when there is no such file. */
export function readStateFile(file: string): Store | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StateFileError(
      `state file ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? 'unreadable')}`,
    );
  }
  return loadState(data, file);
}

let written = 0;

/** Writes the store to `file` atomically: a temporary file beside it, flushed, then renamed over it. */
export function writeStateFile(file: string, store: Store): void {
  const temporary = `${file}.${process.pid}.${++written}.tmp`;
  const descriptor = openSync(temporary, 'w', 0o600);
  try {
    writeSync(descriptor, `${JSON.stringify(saveState(store), null, 2)}\n`);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(descriptor);
  renameSync(temporary, file);
}
