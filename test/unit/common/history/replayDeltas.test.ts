import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayDeltas } from '../../../../src/common/history/replayDeltas';
import { applyDelta, computeDelta } from '../../../../src/common/snapshot/snapshotDelta';
import type { Snapshot } from '../../../../src/common/model/model';
import { snapshotArb } from '../../../support/snapshotArbitraries';

// Few distinct sockets, so identical ones (the #n keys) are common.
const snap = (i: number) =>
  snapshotArb({ takenAt: new Date(1e12 + i * 1000).toISOString(), maxSockets: 12, pids: [1, 2] });

describe('replayDeltas', () => {
  it('gives exactly what applying the deltas one by one gives (order, keys, processes)', () => {
    fc.assert(
      fc.property(fc.tuple(snap(0), snap(1), snap(2), snap(3), snap(4)), (chain: Snapshot[]) => {
        const deltas = chain.slice(1).map((s, i) => computeDelta(chain[i]!, s));
        const oneByOne = deltas.reduce(applyDelta, chain[0]!);
        expect(replayDeltas(chain[0]!, deltas)).toEqual(oneByOne);
      }),
      { numRuns: 400 },
    );
  });

  it('carries the parts a delta holds whole (traffic totals, namespaces, Unix sockets) to the moment, as applyDelta does', () => {
    fc.assert(
      fc.property(fc.tuple(snap(0), snap(1), snap(2)), (plain: Snapshot[]) => {
        const chain = plain.map((s, i) => ({
          ...s,
          // Only carried, never read by the replay: any value of the part's shape will do.
          traffic: { intervalMs: 1000 + i } as unknown as Snapshot['traffic'],
          namespaces: [
            {
              inode: 4026531840 + i,
              host: true,
              name: null,
              container: null,
              pid: null,
              processes: i,
              interfaces: null,
            },
          ],
          unixSockets: [],
          unixEdges: [],
        }));
        const deltas = chain.slice(1).map((s, i) => computeDelta(chain[i]!, s));
        const moment = replayDeltas(chain[0]!, deltas);
        expect(moment).toEqual(deltas.reduce(applyDelta, chain[0]!));
        expect(moment.namespaces?.[0]?.processes).toBe(2);
      }),
      { numRuns: 50 },
    );
  });

  it('identical parallel sockets (SO_REUSEPORT, ownerless TIME_WAITs) keep their count through removals and additions', () => {
    fc.assert(
      fc.property(snap(0), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 6 }), (a, counts) => {
        const one = a.sockets[0];
        if (!one) return;
        const chain = counts.map((n, i) => ({
          ...a,
          takenAt: new Date(2e12 + i * 1000).toISOString(),
          sockets: [
            ...a.sockets.slice(1, 1 + i),
            ...Array.from({ length: n }, (_, k) => ({ ...one, state: k % 2 ? 'CLOSE_WAIT' : one.state })),
          ],
        })) as Snapshot[];
        const deltas = chain.slice(1).map((s, i) => computeDelta(chain[i]!, s));
        expect(replayDeltas(chain[0]!, deltas)).toEqual(deltas.reduce(applyDelta, chain[0]!));
      }),
      { numRuns: 200 },
    );
  });

  it('stops at a delta that does not follow, and returns the base for none', () => {
    fc.assert(
      fc.property(snap(0), snap(1), snap(2), (a, b, c) => {
        const ab = computeDelta(a, b);
        expect(replayDeltas(a, [])).toBe(a);
        expect(replayDeltas(a, [ab, computeDelta(a, c)])).toEqual(applyDelta(a, ab));
      }),
      { numRuns: 50 },
    );
  });
});
