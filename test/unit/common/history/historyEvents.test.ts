import { describe, expect, it } from 'vitest';
import { eventsOfDelta } from '../../../../src/common/history/historyEvents';
import { computeDelta } from '../../../../src/common/snapshot/snapshotDelta';
import type { Snapshot, Socket } from '../../../../src/common/model/model';
import { proc, sampleSnapshot, sock } from '../../../support/sampleSnapshot';

function snap(takenAt: string, sockets: Socket[], pids: number[]): Snapshot {
  return { ...sampleSnapshot(), takenAt, sockets, processes: pids.map((p) => proc(p)), edges: [] };
}

const listener = sock({ localPort: 5432, pid: 10 });
const conn = sock({
  localPort: 40000,
  remoteAddress: '127.0.0.1',
  remotePort: 5432,
  state: 'ESTABLISHED',
  side: 'client',
  pid: 11,
});

function events(a: Snapshot, b: Snapshot) {
  return eventsOfDelta(a, b, computeDelta(a, b)).map((e) => [
    e.kind,
    e.socket?.localPort ?? null,
    e.process?.pid ?? null,
  ]);
}

describe('eventsOfDelta', () => {
  it('names listeners and connections opened and closed, processes started and gone, with their owners', () => {
    const a = snap('2026-12-01T10:00:00.000Z', [], [10]);
    const b = snap('2026-12-01T10:00:01.000Z', [listener, conn], [10, 11]);
    expect(events(a, b)).toEqual([
      ['listen-start', 5432, 10],
      ['connect', 40000, 11],
      ['process-start', null, 11],
    ]);
    const c = snap('2026-12-01T10:00:02.000Z', [], [10]);
    expect(events(b, c)).toEqual([
      ['listen-stop', 5432, 10],
      ['disconnect', 40000, 11],
      ['process-exit', null, 11],
    ]);
    expect(eventsOfDelta(b, c, computeDelta(b, c))[0]!.time).toBe('2026-12-01T10:00:02.000Z');
  });

  it('a socket that only loses its visible owner (its process exiting) is neither a stop nor a start', () => {
    const a = snap('2026-12-01T10:00:00.000Z', [listener], [10]);
    const b = snap('2026-12-01T10:00:01.000Z', [{ ...listener, pid: null }], []);
    expect(events(a, b)).toEqual([['process-exit', null, 10]]);
    expect(events(b, a)).toEqual([['process-start', null, 10]]);
  });

  it('a connection is disconnected when first seen closing, not when its TIME_WAIT goes away a minute later', () => {
    const t = (n: number) => `2026-12-01T10:00:0${n}.000Z`;
    const synSent = snap(t(0), [{ ...conn, state: 'SYN_SENT' }], [11]);
    const open = snap(t(1), [conn], [11]);
    expect(events(synSent, open)).toEqual([]);
    expect(events(open, snap(t(2), [conn], [11]))).toEqual([]);
    const closeWait = snap(t(3), [{ ...conn, state: 'CLOSE_WAIT' }], [11]);
    expect(events(open, closeWait)).toEqual([['disconnect', 40000, 11]]);
    expect(events(closeWait, snap(t(4), [], [11]))).toEqual([]);
    // The kernel hands a closed client socket to TIME_WAIT without an owner: still one disconnect, with its process.
    const timeWait = snap(t(5), [{ ...conn, state: 'TIME_WAIT', pid: null }], [11]);
    expect(events(open, timeWait)).toEqual([['disconnect', 40000, 11]]);
    expect(events(timeWait, snap(t(6), [], [11]))).toEqual([]);
    // Opened and closed between two looks: seen only closing.
    expect(events(snap(t(7), [], [11]), timeWait)).toEqual([['disconnect', 40000, null]]);
  });
});
