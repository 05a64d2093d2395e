import { describe, expect, it } from 'vitest';
import { computeDelta } from '../../../../src/common/snapshot/snapshotDelta';
import { deltaForHistory, snapshotForHistory } from '../../../../src/common/history/historyView';
import { replayDeltas } from '../../../../src/common/history/replayDeltas';
import { sampleSnapshot, sock } from '../../../support/sampleSnapshot';
import type { Snapshot } from '../../../../src/common/model/model';

function withTraffic(s: Snapshot, bytes: number, takenAt: string): Snapshot {
  return {
    ...s,
    takenAt,
    sockets: s.sockets.map((x) => (x.state === 'ESTABLISHED' ? { ...x, bytesSent: bytes, sendRate: bytes / 2 } : x)),
  };
}

describe('what the history keeps of a snapshot', () => {
  it('drops per-socket traffic and the remote-host list, keeps everything else', () => {
    const s = withTraffic(sampleSnapshot(), 100, '2026-12-01T00:00:00.000Z');
    const v = snapshotForHistory(s);
    expect(v.sockets.length).toBe(s.sockets.length);
    expect(v.sockets.some((x) => 'bytesSent' in x || 'sendRate' in x)).toBe(false);
    expect(v.sockets.map((x) => x.localPort)).toEqual(s.sockets.map((x) => x.localPort));
  });

  it('an update that only moved traffic is not in the stored delta; a state change is', () => {
    const a = withTraffic(sampleSnapshot(), 100, '2026-12-01T00:00:00.000Z');
    const b0 = withTraffic(sampleSnapshot(), 200, '2026-12-01T00:00:01.000Z');
    const established = b0.sockets.findIndex((x) => x.state === 'ESTABLISHED');
    expect(established).toBeGreaterThanOrEqual(0);
    const b = { ...b0, sockets: [...b0.sockets, sock({ localPort: 4444, state: 'LISTEN' })] };
    b.sockets[established] = { ...b.sockets[established]!, state: 'CLOSE_WAIT' };
    const live = computeDelta(a, b);
    expect(live.sockets.updated.length).toBeGreaterThan(1);
    const av = snapshotForHistory(a);
    const bv = snapshotForHistory(b);
    const stored = deltaForHistory(live, a, b);
    expect(stored).toEqual({ ...computeDelta(av, bv) });
    expect(stored.sockets.updated.map((u) => u.socket.state)).toEqual(['CLOSE_WAIT']);
    // The stored delta rebuilds the stored next snapshot exactly.
    expect(replayDeltas(av, [stored])).toEqual(bv);
  });
});
