import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DROP, Exchange, type Reply, runSteps, type Step } from './pipeline.js';

const exchange = () => new Exchange({ method: 'GET', url: '/', headers: {} } as IncomingMessage);
const reply = (body: string): Reply => ({ status: 200, body, contentType: 'text/plain' });

describe('runSteps', () => {
  it('answers synchronously, with the first answer, when no step waits', () => {
    const ran: string[] = [];
    const steps: Step[] = [
      () => void ran.push('a'),
      () => {
        ran.push('b');
        return reply('b');
      },
      () => {
        ran.push('c');
        return reply('c');
      },
    ];
    expect(runSteps(steps, exchange())).toEqual(reply('b'));
    expect(ran).toEqual(['a', 'b']);
  });

  it('awaits a step that returns a promise, then runs the steps after it', async () => {
    const ran: string[] = [];
    const steps: Step[] = [
      () => new Promise((resolve) => setTimeout(() => resolve(undefined), 5)),
      () => void ran.push('after'),
      () => DROP,
    ];
    const outcome = runSteps(steps, exchange());
    expect(outcome).toBeInstanceOf(Promise);
    expect(ran).toEqual([]);
    expect(await outcome).toBe(DROP);
    expect(ran).toEqual(['after']);
  });

  it("answers with an awaited step's own answer", async () => {
    const steps: Step[] = [() => Promise.resolve(reply('late')), () => reply('never')];
    expect(await runSteps(steps, exchange())).toEqual(reply('late'));
  });

  it('throws when no step answers, or a step throws; rejects when that happens after a wait', async () => {
    expect(() => runSteps([() => undefined], exchange())).toThrow('No step answered the request.');
    expect(() =>
      runSteps(
        [
          () => {
            throw new TypeError('bug');
          },
        ],
        exchange(),
      ),
    ).toThrow(TypeError);
    await expect(runSteps([() => Promise.resolve(undefined)], exchange())).rejects.toThrow('No step answered');
  });
});
