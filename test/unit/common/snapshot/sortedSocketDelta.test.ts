import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../src/common/model/model';
import { snapshotArb } from '../../../support/snapshotArbitraries';
import { compareSockets } from '../../../../src/common/derive/socketOrder';
import { applyDelta, computeDelta, keyedSocketDelta } from '../../../../src/common/snapshot/snapshotDelta';
import { sortedSocketDelta } from '../../../../src/common/snapshot/sortedSocketDelta';

// Small value sets (see snapshotArbitraries): sockets of one identity repeat, which is where the
// k-th of a run must meet the k-th.
const sorted = (s: Snapshot): Snapshot => ({ ...s, sockets: [...s.sockets].sort(compareSockets) });
const snapshotAt = (takenAt: string) => snapshotArb({ takenAt, maxSockets: 40, pids: [1, 2, 3] }).map(sorted);

describe('sortedSocketDelta (the merge walk of live refresh)', () => {
  it('finds exactly what the keyed delta finds, in the same order, on sorted snapshots', () => {
    fc.assert(
      fc.property(snapshotAt('2026-11-24T10:00:00.000Z'), snapshotAt('2026-11-24T10:00:01.000Z'), (a, b) => {
        const walked = sortedSocketDelta(
          a.sockets,
          b.sockets,
          (x, y) => JSON.stringify(x) === JSON.stringify(y),
          () => 'unused',
        );
        expect(walked).not.toBeNull();
        expect(computeDelta(a, b).sockets).toEqual(keyedSocketDelta(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same on a snapshot and a changed copy of it (updates, runs growing and shrinking)', () => {
    fc.assert(
      fc.property(
        snapshotAt('2026-11-24T10:00:00.000Z'),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (a, drop, dup) => {
          const sockets = a.sockets.filter((_, i) => !drop.includes(i));
          for (const d of dup) if (a.sockets.length) sockets.push({ ...a.sockets[d % a.sockets.length]! });
          const b = sorted({
            ...a,
            takenAt: '2026-11-24T10:00:01.000Z',
            sockets: sockets.map((s, i) => (i % 3 === 0 ? { ...s, bytesSent: i } : s)),
          });
          const d = computeDelta(a, b);
          expect(d.sockets).toEqual(keyedSocketDelta(a, b));
          const c = applyDelta(a, d);
          expect([...c.sockets].sort(compareSockets)).toEqual(b.sockets);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives null for a list out of order, so the keyed path answers', () => {
    fc.assert(
      fc.property(snapshotAt('2026-11-24T10:00:00.000Z'), (a) => {
        fc.pre(a.sockets.some((s, i) => i > 0 && compareSockets(a.sockets[i - 1]!, s) !== 0));
        const reversed = [...a.sockets].reverse();
        expect(
          sortedSocketDelta(
            reversed,
            a.sockets,
            () => true,
            () => '',
          ),
        ).toBeNull();
        expect(
          sortedSocketDelta(
            a.sockets,
            reversed,
            () => true,
            () => '',
          ),
        ).toBeNull();
        const b = { ...a, sockets: reversed };
        expect(computeDelta(a, b).sockets).toEqual(keyedSocketDelta(a, b));
      }),
      { numRuns: 100 },
    );
  });
});
