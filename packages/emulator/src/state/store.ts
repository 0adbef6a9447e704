/**
 * The emulator's state: one store of clusters, their nodepools and the nodepools' nodes, each kept
 * as the newest version of the spec shows it (wire names: `kubernetes_version`, `vpc.id`; timestamps
 * in `T` form). Answers are projected onto the requested version's schema when sent (project.ts),
 * so a store serves every version. Clusters are found by id in a Map (no scan per request), in the
 * order they were added; a cluster holds its nodepools, a nodepool its nodes.
 *
 * A change that takes time (`x-scp-state-change` with `during`) is `pending` on its resource: due at
 * an instant of the emulator's clock, when the resource settles (its status becomes `settles`) or,
 * for a deletion, goes. `settleDue` carries out every change due by an instant; the emulator calls
 * it before each operation and from a timer, so a status moves on the emulator's clock.
 */

export type Resource = Record<string, unknown>;

export interface Pending {
  /** The emulator's clock (epoch ms) when the change is done. */
  dueAt: number;
  /** The status once done; absent for a deletion. */
  settles?: string;
  /** A deletion: the resource goes when done. */
  remove?: boolean;
}

export interface Entry {
  /** `cluster`, `nodepool`. */
  kind: string;
  id: string;
  /** The resource, as the newest version shows it. */
  value: Resource;
  /** Top-level resources (clusters): the access keys that may see it (and what it holds). */
  accessKeys: string[];
  /** The resource this one belongs to (a nodepool's cluster). */
  parent: Entry | undefined;
  /** What belongs to it (a cluster's nodepools), by id, in the order added. */
  children: Map<string, Entry>;
  /** A nodepool's nodes. */
  nodes: Resource[];
  /** How many nodes the nodepool has had: the next node's index (node names derive from it). */
  nextNode: number;
  pending: Pending | undefined;
}

export function newEntry(kind: string, value: Resource, parent?: Entry): Entry {
  return {
    kind,
    id: value.id as string,
    value,
    accessKeys: parent ? parent.accessKeys : [],
    parent,
    children: new Map(),
    nodes: [],
    nextNode: 0,
    pending: undefined,
  };
}

/** What `settleDue` did to one resource. */
export interface Settled {
  entry: Entry;
  removed: boolean;
}

export class Store {
  /** Top-level resources (clusters) by id. */
  readonly top = new Map<string, Entry>();
  /** Every resource below the top (nodepools) by kind, then id. */
  private readonly below = new Map<string, Map<string, Entry>>();
  /** The resources with a pending change. */
  private readonly pendingEntries = new Set<Entry>();

  /** Adds a resource: top-level without a parent, else under its parent. */
  add(entry: Entry): void {
    if (entry.parent) {
      entry.parent.children.set(entry.id, entry);
      let byId = this.below.get(entry.kind);
      if (!byId) {
        byId = new Map();
        this.below.set(entry.kind, byId);
      }
      byId.set(entry.id, entry);
    } else this.top.set(entry.id, entry);
    if (entry.pending) this.pendingEntries.add(entry);
  }

  /** A resource by kind and id. */
  get(kind: string, id: string): Entry | undefined {
    const top = this.top.get(id);
    if (top?.kind === kind) return top;
    return this.below.get(kind)?.get(id);
  }

  /** Every top-level resource, in the order added. */
  tops(): IterableIterator<Entry> {
    return this.top.values();
  }

  /** Removes a resource and everything that belongs to it. */
  remove(entry: Entry): void {
    for (const child of [...entry.children.values()]) this.remove(child);
    this.pendingEntries.delete(entry);
    if (entry.parent) {
      entry.parent.children.delete(entry.id);
      this.below.get(entry.kind)?.delete(entry.id);
    } else this.top.delete(entry.id);
  }

  /** Marks a change as running on `entry` until `pending.dueAt` (replacing one already running). */
  begin(entry: Entry, pending: Pending): void {
    entry.pending = pending;
    this.pendingEntries.add(entry);
  }

  /** Whether a change is due by `now` (cheap: most requests find none pending). */
  hasDue(now: number): boolean {
    for (const entry of this.pendingEntries) if ((entry.pending as Pending).dueAt <= now) return true;
    return false;
  }

  /** The earliest instant a pending change is due, if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const entry of this.pendingEntries) {
      const dueAt = (entry.pending as Pending).dueAt;
      if (next === undefined || dueAt < next) next = dueAt;
    }
    return next;
  }

  /**
   * Carries out every change due by `now`, oldest first: the resource's status becomes `settles`,
   * or it goes. Returns what changed (`onSettle` is called for each, before the next).
   */
  settleDue(now: number, onSettle: (settled: Settled) => void = () => undefined): Settled[] {
    if (this.pendingEntries.size === 0) return [];
    const due = [...this.pendingEntries]
      .filter((entry) => (entry.pending as Pending).dueAt <= now)
      .sort((a, b) => (a.pending as Pending).dueAt - (b.pending as Pending).dueAt);
    const done: Settled[] = [];
    for (const entry of due) {
      // A deletion done earlier in this loop may have removed it already.
      if (!this.pendingEntries.has(entry)) continue;
      const pending = entry.pending as Pending;
      this.pendingEntries.delete(entry);
      entry.pending = undefined;
      if (pending.remove) {
        this.remove(entry);
        done.push({ entry, removed: true });
      } else {
        if (pending.settles !== undefined) entry.value.status = pending.settles;
        done.push({ entry, removed: false });
      }
      onSettle(done[done.length - 1] as Settled);
    }
    return done;
  }
}
