/**
 * The state file: a demo survives a restart (clusters, nodepools, nodes, and a change still running,
 * which settles on the clock after the restart); it is written atomically after each change; a file
 * that is not one is refused naming the problem.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator.js';
import { clusterBody, nodepoolBody, START, startOnTestClock } from '../testing/bodies.js';
import { signedCaller } from '../testing/signed-call.js';
import { loadState, STATE_FORMAT, StateFileError, saveState } from './persist.js';

const directory = () => mkdtempSync(join(tmpdir(), 'emulator-state-'));

describe('--state', () => {
  it('keeps what was created across a restart, and a change still running settles after it', async () => {
    const stateFile = join(directory(), 'state.json');
    const first = await startOnTestClock({ stateFile });
    expect(existsSync(stateFile)).toBe(true);
    const call = signedCaller(() => first.emulator);
    const created = JSON.parse((await call('/v1/clusters', { method: 'POST', body: clusterBody() })).body);
    const id = created.resource_id as string;
    first.advance(1000);
    const pool = JSON.parse((await call('/v1/nodepools', { method: 'POST', body: nodepoolBody(id, 'kept', 3) })).body);
    first.advance(1000);
    // Settled by this request: the file has it as Running, with its nodes.
    const nodesBefore = JSON.parse((await call(`/v1/nodepools/${pool.nodepool.id}/nodes`)).body);
    expect(nodesBefore.count).toBe(3);
    await call(`/v1/clusters/${id}/logging`, { method: 'PUT', body: { cloud_logging_enabled: true } });
    await first.emulator.close();

    let now = START + 2000;
    const second = await startEmulator({ stateFile, now: () => now, transitionMs: 1000 });
    try {
      const again = signedCaller(() => second);
      const shown = JSON.parse((await again(`/v1/clusters/${id}`)).body).cluster;
      expect(shown).toMatchObject({
        name: 'team-cluster',
        status: 'UPDATING',
        cloud_logging_enabled: true,
        node_count: 3,
      });
      expect(JSON.parse((await again(`/v1/nodepools/${pool.nodepool.id}/nodes`)).body)).toEqual(nodesBefore);
      now += 1000;
      expect(JSON.parse((await again(`/v1/clusters/${id}`)).body).cluster.status).toBe('RUNNING');
      // The fixtures are not read when the state file exists; what was seeded from them is in it.
      expect(second.clusters.map((cluster) => cluster.name)).toEqual([
        'demo-cluster',
        'private-only-cluster',
        'restricted-cluster',
        'team-cluster',
      ]);
    } finally {
      await second.close();
    }
  });

  it('writes the file atomically: no temporary file left beside it, and valid JSON each time', async () => {
    const folder = directory();
    const stateFile = join(folder, 'state.json');
    const { emulator } = await startOnTestClock({ stateFile });
    try {
      const call = signedCaller(() => emulator);
      for (const name of ['one-cluster', 'two-cluster', 'three-cluster']) {
        await call('/v1/clusters', { method: 'POST', body: clusterBody('ske 1.3', name) });
        const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
        expect(saved.format).toBe(STATE_FORMAT);
        expect(saved.clusters.at(-1).cluster).toMatchObject({ name, status: 'CREATING' });
        expect(saved.clusters.at(-1).pending).toEqual({ dueAt: START + 1000, settles: 'RUNNING' });
      }
      expect(readdirSync(folder)).toEqual(['state.json']);
    } finally {
      await emulator.close();
    }
  });

  it('settles a change on a timer when the clock runs, and writes the file then', async () => {
    const stateFile = join(directory(), 'state.json');
    const emulator = await startEmulator({ stateFile, transitionMs: 1000 });
    try {
      const call = signedCaller(() => emulator);
      const id = JSON.parse((await call('/v1/clusters', { method: 'POST', body: clusterBody() })).body).resource_id;
      const statusInFile = () =>
        JSON.parse(readFileSync(stateFile, 'utf8')).clusters.find(
          (saved: { cluster: { id: string } }) => saved.cluster.id === id,
        ).cluster.status;
      expect(statusInFile()).toBe('CREATING');
      // No request in between: the timer carries the change out.
      for (let i = 0; i < 500 && statusInFile() !== 'RUNNING'; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(statusInFile()).toBe('RUNNING');
    } finally {
      await emulator.close();
    }
  });

  it('refuses a file that is not a state file, naming the problem', async () => {
    const folder = directory();
    const cases: [string, string | RegExp][] = [
      ['not json', /state file .*: not valid JSON$/],
      ['{"format":"other"}', /not a state file of this emulator/],
      [JSON.stringify({ format: STATE_FORMAT, version: 2, clusters: [] }), /version 2 is not one this emulator reads/],
      [JSON.stringify({ format: STATE_FORMAT, version: 1, clusters: [{ cluster: {} }] }), /clusters\[0\]: expected/],
    ];
    for (const [index, [text, message]] of cases.entries()) {
      const file = join(folder, `bad-${index}.json`);
      writeFileSync(file, text);
      await expect(startEmulator({ stateFile: file })).rejects.toThrow(message);
      await expect(startEmulator({ stateFile: file })).rejects.toBeInstanceOf(StateFileError);
    }
  });
});

describe('saveState and loadState', () => {
  it('read back what they wrote', () => {
    const data = {
      format: STATE_FORMAT,
      version: 1,
      clusters: [
        {
          accessKeys: ['AK'],
          cluster: { id: 'a'.repeat(32), name: 'c', status: 'DELETING' },
          pending: { dueAt: 5, remove: true },
          nodepools: [
            {
              nodepool: { id: 'p-1', name: 'p', cluster: { id: 'a'.repeat(32) } },
              nodes: [{ name: 'n' }],
              nextNode: 4,
            },
          ],
        },
      ],
    };
    const store = loadState(JSON.parse(JSON.stringify(data)), 'memory');
    expect(saveState(store)).toEqual(data);
    expect(store.get('nodepool', 'p-1')?.parent?.id).toBe('a'.repeat(32));
    expect(store.nextDue()).toBe(5);
  });
});
