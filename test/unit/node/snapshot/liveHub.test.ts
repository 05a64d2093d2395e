import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { piecedToString } from '../../../../src/node/snapshot/shipPieces';
import { LiveHub, type LiveSource } from '../../../../src/node/snapshot/liveHub';
import type { LiveTick } from '../../../../src/node/snapshot/liveDeltas';

/** A source that counts ticks and answers like LiveDeltas: a delta after the first tick, the whole when asked. */
function fakeSource(): LiveSource & { calls: boolean[] } {
  let n = 0;
  const calls: boolean[] = [];
  return {
    calls,
    async takeLive(wantFull: boolean): Promise<LiveTick> {
      calls.push(wantFull);
      n++;
      const takenAt = `t${n}`;
      return {
        takenAt,
        baseTakenAt: n > 1 ? `t${n - 1}` : null,
        delta: n > 1 ? `{"n":${n}}` : null,
        full: wantFull || n === 1 ? `{"takenAt":"${takenAt}"}` : null,
      };
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LiveHub', () => {
  it('sends a newcomer the whole snapshot, then deltas against what it holds', async () => {
    const source = fakeSource();
    const hub = new LiveHub(source);
    const got: string[] = [];
    hub.subscribe('a', { intervalMs: 1000, base: null, send: (e) => got.push(piecedToString(e)) });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    hub.close();
    expect(got).toEqual([
      '{"type":"snapshot","snapshot":{"takenAt":"t1"}}',
      '{"type":"delta","delta":{"n":2}}',
      '{"type":"delta","delta":{"n":3}}',
    ]);
    expect(source.calls).toEqual([true, false, false]);
  });

  it('shares one collection per tick between subscribers, and resyncs one that refreshed by hand', async () => {
    const source = fakeSource();
    const hub = new LiveHub(source);
    const a: string[] = [];
    const b: string[] = [];
    hub.subscribe('a', { intervalMs: 1000, base: null, send: (e) => a.push(piecedToString(e)) });
    await vi.advanceTimersByTimeAsync(0);
    hub.subscribe('b', { intervalMs: 500, base: null, send: (e) => b.push(piecedToString(e)) });
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toEqual([true, true]);
    hub.noteBase('a', 'elsewhere'); // a asked for a snapshot by hand
    await vi.advanceTimersByTimeAsync(500); // the shortest interval wins
    hub.close();
    expect(source.calls).toEqual([true, true, true]);
    expect(a.at(-1)).toBe('{"type":"snapshot","snapshot":{"takenAt":"t3"}}');
    expect(b.at(-1)).toBe('{"type":"delta","delta":{"n":3}}');
  });

  it('stops collecting when the last subscriber leaves', async () => {
    const source = fakeSource();
    const hub = new LiveHub(source);
    hub.subscribe('a', { intervalMs: 1000, base: null, send: () => {} });
    await vi.advanceTimersByTimeAsync(0);
    hub.unsubscribe('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(source.calls).toHaveLength(1);
    expect(hub.interval).toBeNull();
  });

  it('reports a failed collection and keeps going', async () => {
    const errors: string[] = [];
    let fail = true;
    const source: LiveSource = {
      takeLive: async () => {
        if (fail) {
          fail = false;
          throw new Error('boom');
        }
        return { takenAt: 't', baseTakenAt: null, delta: null, full: '{}' };
      },
    };
    const hub = new LiveHub(source, (m) => errors.push(m));
    const got: string[] = [];
    hub.subscribe('a', { intervalMs: 1000, base: null, send: (e) => got.push(piecedToString(e)) });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    hub.close();
    expect(errors).toEqual(['live refresh failed: boom']);
    expect(got).toEqual(['{"type":"snapshot","snapshot":{}}']);
  });
});
