import { describe, expect, it } from 'vitest';
import { compileProjection, fieldOf } from './project.js';

describe('compileProjection', () => {
  const summary = {
    type: 'object',
    required: ['id', 'node_count', 'subnet_id'],
    properties: {
      id: { type: 'string' },
      node_count: { type: ['integer', 'null'] },
      subnet_id: { type: ['string', 'null'] },
      note: { type: 'string' },
    },
  };

  it('keeps the declared properties only, reads <x>_id from <x>.id, and sends a missing nullable required one as null', () => {
    const project = compileProjection(summary);
    const cluster = { id: 'c', subnet: { id: 's', name: 'n' }, service_watch_logging_enabled: true };
    expect(project(cluster)).toEqual({ id: 'c', node_count: null, subnet_id: 's' });
    expect(cluster).toEqual({ id: 'c', subnet: { id: 's', name: 'n' }, service_watch_logging_enabled: true });
  });

  it('goes through arrays, allOf, and the oneOf branch that fits the value', () => {
    const project = compileProjection({
      type: 'object',
      properties: {
        list: { type: ['array', 'null'], items: summary },
        merged: { allOf: [{ type: 'object', properties: { a: {} } }, { properties: { b: {} } }] },
        either: { oneOf: [{ type: 'object', properties: { keep: {} } }, { type: 'null' }] },
        free: { type: 'object' },
        text: { type: 'string' },
      },
    });
    expect(
      project({
        list: [{ id: 'x', node_count: 1, subnet_id: null, extra: 1 }],
        merged: { a: 1, b: 2, c: 3 },
        either: { keep: 1, drop: 2 },
        free: { anything: true },
        text: 'as is',
        other: 1,
      }),
    ).toEqual({
      list: [{ id: 'x', node_count: 1, subnet_id: null }],
      merged: { a: 1, b: 2 },
      either: { keep: 1 },
      free: { anything: true },
      text: 'as is',
    });
    expect(project({ list: null, either: null })).toEqual({ list: null, either: null });
  });

  it('leaves a value of another type than the schema says as it is (the check after it catches it)', () => {
    const project = compileProjection(summary);
    expect(project('text')).toBe('text');
    expect(project([1])).toEqual([1]);
  });

  it('projects a schema that refers to itself', () => {
    const node: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).child = node;
    const project = compileProjection(node);
    expect(project({ name: 'a', x: 1, child: { name: 'b', y: 2, child: { name: 'c' } } })).toEqual({
      name: 'a',
      child: { name: 'b', child: { name: 'c' } },
    });
  });
});

describe('fieldOf', () => {
  it('reads a field, or <x>_id from <x>.id', () => {
    expect(fieldOf({ status: 'RUNNING' }, 'status')).toBe('RUNNING');
    expect(fieldOf({ subnet: { id: 's' } }, 'subnet_id')).toBe('s');
    expect(fieldOf({ subnet: null }, 'subnet_id')).toBeUndefined();
    expect(fieldOf({}, 'name')).toBeUndefined();
  });
});
