import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache.js';
import type { FinishedAnswer } from './responses.js';
import type { Route } from './routes.js';

const answer = (body: string): FinishedAnswer => ({ status: 200, body, contentType: 'application/json', bodyBytes: 2 });
const list = { method: 'GET', pagination: { items: 'clusters' } } as Route;
const show = { method: 'GET', resource: 'cluster' } as Route;

describe('AnswerCache', () => {
  it('keeps the answers of lists and shows only', () => {
    expect(AnswerCache.keeps(list)).toBe(true);
    expect(AnswerCache.keeps(show)).toBe(true);
    expect(AnswerCache.keeps({ method: 'GET' } as Route)).toBe(false);
    expect(AnswerCache.keeps({ method: 'PUT', resource: 'cluster', stateChange: {} } as Route)).toBe(false);
  });

  it('answers what it kept until the store changes', () => {
    let generation = 0;
    const cache = new AnswerCache(() => generation);
    cache.set(list, 'AK\n/v1/clusters', answer('[1]'));
    expect(cache.get(list, 'AK\n/v1/clusters')?.body).toBe('[1]');
    expect(cache.get(list, 'OTHER\n/v1/clusters')).toBeUndefined();
    expect(cache.get(show, 'AK\n/v1/clusters')).toBeUndefined();
    generation += 1;
    expect(cache.get(list, 'AK\n/v1/clusters')).toBeUndefined();
  });

  it('keeps at most its limit, forgetting the older ones', () => {
    const cache = new AnswerCache(() => 0, 2);
    cache.set(list, 'a', answer('a'));
    cache.set(list, 'b', answer('b'));
    cache.set(show, 'c', answer('c'));
    expect(cache.get(show, 'c')?.body).toBe('c');
    expect(cache.get(list, 'a')).toBeUndefined();
  });
});
