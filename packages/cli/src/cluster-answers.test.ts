/**
 * The cluster answers checked before the CLI uses them (an envelope or an empty object is a
 * ResponseFormatError, never a TypeError), and any value shown as one line.
 */
import { ResponseFormatError } from '@scp-ske/client';
import { describe, expect, it } from 'vitest';
import { clusterList, clusterShown, shown } from './cluster-answers.js';

const envelope = { errors: [{ code: 'Forbidden', detail: ['no'] }] };
const named = { id: 'a1', name: 'web' };

describe('clusterList', () => {
  it('passes a list of named clusters through as it is', () => {
    const data = { clusters: [named, { ...named, extra: 1 }], count: 2 };
    expect(clusterList(data)).toBe(data);
    expect(clusterList({ clusters: [] })).toEqual({ clusters: [] });
  });

  it.each([
    ['an error envelope', envelope],
    ['null', null],
    ['an array', [named]],
    ['a text', 'clusters'],
    ['clusters that are no array', { clusters: { 0: named } }],
  ])('refuses %s: no "clusters" array', (_name, data) => {
    expect(() => clusterList(data)).toThrow(new ResponseFormatError('the cluster list has no "clusters" array'));
  });

  it.each([
    ['null', null, 0],
    ['an array', [named], 0],
    ['no id', { name: 'web' }, 0],
    ['a number id', { id: 7, name: 'web' }, 0],
    ['no name', { id: 'a1' }, 1],
    ['a null name', { id: 'a1', name: null }, 1],
  ])('refuses a cluster that is %s, naming it', (_name, cluster, index) => {
    const clusters = index === 0 ? [cluster] : [named, cluster];
    expect(() => clusterList({ clusters })).toThrow(
      new ResponseFormatError(`clusters[${index}] is not a cluster with a string "id" and "name"`),
    );
  });
});

describe('clusterShown', () => {
  it('passes an answer with a named cluster through as it is', () => {
    const data = { cluster: named };
    expect(clusterShown(data)).toBe(data);
  });

  it.each([
    ['an error envelope', envelope],
    ['an empty object', {}],
    ['null', null],
    ['a cluster that is an array', { cluster: [named] }],
    ['a null cluster', { cluster: null }],
  ])('refuses %s: no "cluster" object', (_name, data) => {
    expect(() => clusterShown(data)).toThrow(new ResponseFormatError('the answer has no "cluster" object'));
  });

  it('refuses a cluster without a string id and name', () => {
    expect(() => clusterShown({ cluster: { id: 'a1' } })).toThrow(
      new ResponseFormatError('cluster is not a cluster with a string "id" and "name"'),
    );
  });
});

describe('shown', () => {
  it.each([
    [null, '-'],
    [undefined, '-'],
    ['RUNNING', 'RUNNING'],
    ['\u001b[31mred\nline', '\\u001b[31mred\\u000aline'],
    [3, '3'],
    [0, '0'],
    [false, 'false'],
    [{ a: '\u001b' }, '{"a":"\\u001b"}'],
    [['x', 1], '["x",1]'],
  ])('shows %j as %j', (value, text) => {
    expect(shown(value)).toBe(text);
  });
});
