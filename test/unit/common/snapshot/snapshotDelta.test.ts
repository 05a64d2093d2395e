import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot, Socket } from '../../../../src/common/model/model';
import { snapshotArb } from '../../../support/snapshotArbitraries';
import { applyDelta, computeDelta, socketIdentity, socketKeys } from '../../../../src/common/snapshot/snapshotDelta';

const snapshotAt = (takenAt: string) => snapshotArb({ takenAt, maxSockets: 25, pids: [1, 2, 3] });

const sortedKeys = (s: Snapshot) => socketKeys(s.sockets).sort();
const canonical = (s: Snapshot) => [...s.sockets].map((x) => JSON.stringify(x)).sort();

describe('computeDelta / applyDelta', () => {
  it('applying the delta of (a, b) to a gives b (sockets as a multiset, processes by pid)', () => {
    fc.assert(
      fc.property(snapshotAt('2026-11-24T10:00:00.000Z'), snapshotAt('2026-11-24T10:00:01.000Z'), (a, b) => {
        const c = applyDelta(a, computeDelta(a, b));
        expect(canonical(c)).toEqual(canonical(b));
        expect(c.processes).toEqual([...b.processes].sort((x, y) => x.pid - y.pid));
        expect(c.takenAt).toBe(b.takenAt);
      }),
      { numRuns: 300 },
    );
  });

  it('a state change is an update, not a removal and an addition', () => {
    fc.assert(
      fc.property(snapshotAt('2026-11-24T10:00:00.000Z'), (a) => {
        const b: Snapshot = {
          ...a,
          takenAt: '2026-11-24T10:00:01.000Z',
          sockets: a.sockets.map((s) => ({ ...s, state: s.state === 'CLOSE_WAIT' ? 'ESTABLISHED' : 'CLOSE_WAIT' })),
        };
        const d = computeDelta(a, b);
        expect(d.sockets.added).toEqual([]);
        expect(d.sockets.removed).toEqual([]);
        expect(d.sockets.updated).toHaveLength(a.sockets.length);
        expect(sortedKeys(applyDelta(a, d))).toEqual(sortedKeys(b));
      }),
    );
  });

  it('counts identical parallel sockets separately', () => {
    const s = {
      protocol: 'udp',
      family: 'IPv4',
      localAddress: '0.0.0.0',
      localPort: 5353,
      remoteAddress: null,
      remotePort: null,
      state: 'UNCONN',
      pid: 1,
      uid: 0,
      side: 'server',
      localScope: 'unspecified',
      remoteScope: null,
      service: 'mdns',
      portClass: 'registered',
    } satisfies Socket;
    expect(socketKeys([s, s, s])).toEqual([socketIdentity(s), `${socketIdentity(s)}#1`, `${socketIdentity(s)}#2`]);
  });

  it('refuses a delta computed against another snapshot', () => {
    fc.assert(
      fc.property(snapshotAt('2026-11-24T10:00:00.000Z'), snapshotAt('2026-11-24T10:00:01.000Z'), (a, b) => {
        const other = { ...a, takenAt: '2026-11-24T09:59:59.000Z' };
        expect(() => applyDelta(other, computeDelta(a, b))).toThrow(/does not apply/);
      }),
      { numRuns: 20 },
    );
  });
});
