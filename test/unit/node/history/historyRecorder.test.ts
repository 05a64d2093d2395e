/** The recorder and the reader on a real database file, with synthetic snapshots. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../../../src/node/history/historyRecorder';
import { openHistoryDb, scalar } from '../../../../src/node/history/historyDb';
import { eventsBetween, recordedSpan, snapshotAt } from '../../../../src/node/history/historyReader';
import { RecorderBusyError } from '../../../../src/node/history/recorderLock';
import type { Snapshot } from '../../../../src/common/model/model';
import { proc, sampleSnapshot, sock } from '../../../support/sampleSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-rec-'));
const T0 = Date.parse('2026-12-01T10:00:00Z');

/** Tick i: listeners on ports 1000..1000+i (one more each tick), one process per listener. */
function tick(i: number, at = T0 + i * 1000): Snapshot {
  const ports = Array.from({ length: i + 1 }, (_, k) => 1000 + k);
  return {
    ...sampleSnapshot(),
    takenAt: new Date(at).toISOString(),
    sockets: ports.map((p) => sock({ localPort: p, pid: p })),
    processes: ports.map((p) => proc(p)),
    // Parts a stored delta leaves out when unchanged: some ticks change them.
    edges: i % 4 === 1 ? [{ clientPid: 1000, serverPid: 1001, protocol: 'tcp', port: 1001, count: i }] : [],
    warnings: i % 3 === 2 ? [`warning ${i}`] : [],
  };
}

describe('HistoryRecorder', () => {
  it('every recorded moment rebuilds exactly, from keyframes and deltas', () => {
    const path = join(dir, 'rebuild.db');
    const rec = HistoryRecorder.open(path, { keyframeEveryMs: 4000 });
    const ticks = Array.from({ length: 10 }, (_, i) => tick(i));
    const kinds = ticks.map((t) => rec.record(t).keyframe);
    expect(kinds).toEqual([true, false, false, false, true, false, false, false, true, false]);
    for (const t of ticks) expect(snapshotAt(rec.database, Date.parse(t.takenAt))).toEqual(t);
    // Between ticks: the one before; before the first: nothing.
    expect(snapshotAt(rec.database, T0 + 2500)).toEqual(ticks[2]);
    expect(snapshotAt(rec.database, T0 - 1)).toBeNull();
    const e = [...eventsBetween(rec.database, { since: 0, port: 1005 })];
    expect(e.map((x) => [x.kind, x.time])).toEqual([['listen-start', ticks[5]!.takenAt]]);
    rec.close();
  });

  it('retention by age drops whole segments, oldest first, and keeps the cutoff moment rebuildable', () => {
    const path = join(dir, 'age.db');
    const rec = HistoryRecorder.open(path, { keyframeEveryMs: 3000, maxAgeMs: 5000 });
    for (let i = 0; i < 12; i++) rec.record(tick(i));
    const span = recordedSpan(rec.database)!;
    // Last tick at T0+11 s, cutoff T0+6 s: the keyframe at T0+6 s starts what is kept.
    expect(span.first).toBe(T0 + 6000);
    expect(snapshotAt(rec.database, T0 + 6000)).toEqual(tick(6));
    expect([...eventsBetween(rec.database, { since: 0 })].every((e) => Date.parse(e.time) >= T0 + 6000)).toBe(true);
    rec.close();
  });

  it('one recorder per file; a dead recorder’s claim is taken over; resuming records the gap as events', () => {
    const path = join(dir, 'lock.db');
    const a = HistoryRecorder.open(path);
    a.record(tick(0));
    expect(() => HistoryRecorder.open(path)).toThrow(RecorderBusyError);
    // As if killed: the claim stays behind with a pid that no longer runs.
    a.database.prepare("UPDATE meta SET value = '2147483646 1' WHERE key = 'recorder'").run([]);
    a.database.close();
    const b = HistoryRecorder.open(path);
    const resumed = b.record(tick(3));
    expect(resumed.keyframe).toBe(true);
    expect(resumed.events.map((e) => e.kind)).toEqual([
      'listen-start',
      'listen-start',
      'listen-start',
      'process-start',
      'process-start',
      'process-start',
    ]);
    b.close();
    const db = openHistoryDb(path, { create: false });
    expect(scalar(db, "SELECT count(*) AS n FROM meta WHERE key = 'recorder'", 'n')).toBe(0);
    db.close();
  });
});
