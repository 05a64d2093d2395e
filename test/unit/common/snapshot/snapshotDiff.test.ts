import { describe, expect, it } from 'vitest';
import { diffHighlights, diffSnapshots, isEmptyDiff } from '../../../../src/common/snapshot/snapshotDiff';
import { proc, sampleSnapshot, sock } from '../../../support/sampleSnapshot';

describe('diffSnapshots', () => {
  it('finds nothing between a snapshot and a reordered copy of itself', () => {
    const a = sampleSnapshot();
    const b = { ...sampleSnapshot(), takenAt: '2026-11-24T10:05:00.000Z' };
    b.sockets.reverse();
    b.processes.reverse();
    const d = diffSnapshots(a, b);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.from).toEqual({ takenAt: a.takenAt, hostname: a.host.hostname });
    expect(d.to.takenAt).toBe('2026-11-24T10:05:00.000Z');
  });

  it('matches sockets by protocol, endpoints and pid, not state or position', () => {
    const a = sampleSnapshot();
    const b = sampleSnapshot();
    b.sockets[2] = { ...b.sockets[2]!, state: 'CLOSE_WAIT' }; // same connection, new state
    b.sockets.splice(0, 1); // the 8080 listener closed
    b.sockets.push(sock({ localPort: 9090, pid: 20 })); // a new listener
    b.sockets.push(
      sock({
        localPort: 40001,
        remoteAddress: '1.1.1.1',
        remotePort: 443,
        state: 'ESTABLISHED',
        side: 'client',
        pid: 20,
        remoteScope: 'public',
      }),
    );
    b.sockets.push(
      sock({
        localPort: 40002,
        remoteAddress: '8.8.4.4',
        remotePort: 443,
        state: 'ESTABLISHED',
        side: 'client',
        pid: 20,
        remoteScope: 'public',
      }),
    );
    const d = diffSnapshots(a, b);
    expect(d.removed.sockets).toEqual([a.sockets[0]]);
    expect(d.added.sockets.map((s) => s.localPort)).toEqual([9090, 40001, 40002]);
    const h = diffHighlights(d, a);
    expect(h.listenersOpened.map((s) => s.localPort)).toEqual([9090]);
    expect(h.listenersClosed.map((s) => s.localPort)).toEqual([8080]);
    expect(h.connectionsAdded.map((s) => s.localPort)).toEqual([40001, 40002]);
    expect(h.newRemoteHosts).toEqual(['1.1.1.1']); // 8.8.4.4 was already a peer
  });

  it('counts parallel identical sockets (SO_REUSEPORT) one by one', () => {
    const a = sampleSnapshot();
    const b = sampleSnapshot();
    b.sockets.push(sock());
    expect(diffSnapshots(a, b).added.sockets).toEqual([sock()]);
    expect(diffSnapshots(b, a).removed.sockets).toEqual([sock()]);
  });

  it('matches processes by pid and name (and start time), and reports role changes', () => {
    const a = sampleSnapshot();
    const b = sampleSnapshot();
    b.processes[1] = { ...b.processes[1]!, role: 'both' };
    b.processes[2] = { ...b.processes[2]!, name: 'nginx' }; // pid 30 reused by another program
    b.processes.push(proc(40, { role: 'server' }));
    const d = diffSnapshots(a, b);
    expect(d.changed.processes).toEqual([{ pid: 20, name: a.processes[1]!.name, from: 'client', to: 'both' }]);
    expect(d.added.processes.map((p) => [p.pid, p.name])).toEqual([
      [30, 'nginx'],
      [40, 'p40'],
    ]);
    expect(d.removed.processes.map((p) => [p.pid, p.name])).toEqual([[30, 'sshd']]);

    const restarted = sampleSnapshot();
    a.processes[0]!.startedAt = '2026-11-24T09:00:00.000Z';
    restarted.processes[0]!.startedAt = '2026-11-24T09:59:00.000Z';
    const r = diffSnapshots(a, restarted);
    expect(r.added.processes.map((p) => p.pid)).toEqual([10]);
    expect(r.removed.processes.map((p) => p.pid)).toEqual([10]);
  });
});
