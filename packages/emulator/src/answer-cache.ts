/**
 * Written answers of the operations that only read the store (the lists and shows), kept until the
 * store changes: a client polling `listClusters` over a thousand clusters gets the body written for
 * the same question a moment ago, not the thousand clusters shaped, checked and written again. A
 * question is the operation in its version, the caller's key and the request's path and query; any
 * change of the store (an operation, or a change that settles on the clock) forgets every answer.
 * At most `limit` answers are kept (the oldest forgotten first).
 */
import type { FinishedAnswer } from './responses.js';
import type { Route } from './routes.js';

export class AnswerCache {
  private readonly answers = new Map<Route, Map<string, FinishedAnswer>>();
  private size = 0;
  private seen: number;

  constructor(
    private readonly generation: () => number,
    private readonly limit = 64,
  ) {
    this.seen = generation();
  }

  /** Whether the route's answers may be kept: a list or a show, which only read the store. */
  static keeps(route: Route): boolean {
    return (
      route.method === 'GET' &&
      route.stateChange === undefined &&
      (route.pagination !== undefined || route.resource !== undefined)
    );
  }

  private current(): void {
    const generation = this.generation();
    if (generation === this.seen) return;
    this.seen = generation;
    this.answers.clear();
    this.size = 0;
  }

  get(route: Route, key: string): FinishedAnswer | undefined {
    this.current();
    return this.answers.get(route)?.get(key);
  }

  set(route: Route, key: string, answer: FinishedAnswer): void {
    this.current();
    if (this.size >= this.limit) {
      this.answers.clear();
      this.size = 0;
    }
    let byKey = this.answers.get(route);
    if (!byKey) {
      byKey = new Map();
      this.answers.set(route, byKey);
    }
    byKey.set(key, answer);
    this.size += 1;
  }
}
