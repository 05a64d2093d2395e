import { describe, expect, it } from 'vitest';
import { summarizeTraffic } from '../../../../src/common/traffic/summarizeTraffic';
import { formatBytes, formatRate, parseDuration } from '../../../../src/common/traffic/trafficFormat';
import { trafficRows } from '../../../../src/common/traffic/trafficRows';
import { computeDelta, applyDelta } from '../../../../src/common/snapshot/snapshotDelta';
import { parseSnapshotText } from '../../../../src/common/snapshot/openSnapshot';
import { maskSnapshot } from '../../../../src/common/export/mask';
import { snapshotToJson } from '../../../../src/common/export/json';
import type { CollectedTraffic } from '../../../../src/common/model/collected';
import { proc, sampleSnapshot, sock } from '../../../support/sampleSnapshot';

const collected = (over: Partial<CollectedTraffic> = {}): CollectedTraffic => ({
  available: true,
  unavailableReason: null,
  source: 'sock_diag',
  intervalMs: 1000,
  since: '2026-01-01T00:00:00.000Z',
  closed: [],
  closedByRemote: [],
  interfaces: [],
  lostEvents: 0,
  ...over,
});

const busy = (pid: number | null, sent: number, rate: number, remote = '203.0.113.9') =>
  sock({
    pid,
    state: 'ESTABLISHED',
    remoteAddress: remote,
    remotePort: 443,
    remoteScope: 'public',
    bytesSent: sent,
    bytesReceived: 10,
    sendRate: rate,
    receiveRate: 1,
  });

describe('summarizeTraffic', () => {
  it('sums sockets per process and remote host, adds closed connections, busiest first', () => {
    const sockets = [
      busy(1, 100, 10),
      busy(1, 50, 5),
      busy(2, 1000, 100, '198.51.100.1'),
      sock({ protocol: 'udp', pid: 3 }),
    ];
    const t = summarizeTraffic(
      sockets,
      collected({
        closed: [
          { pid: 1, connections: 2, bytesSent: 5000, bytesReceived: 0, intervalSent: 2000, intervalReceived: 0 },
          { pid: null, connections: 1, bytesSent: 7, bytesReceived: 7, intervalSent: 7, intervalReceived: 7 },
        ],
      }),
    );
    expect(t.processes.map((p) => p.pid)).toEqual([1, 2]);
    expect(t.processes[0]).toMatchObject({ bytesSent: 5150, sendRate: 2015, connections: 2, closedConnections: 2 });
    expect(t.remoteHosts.map((r) => r.address)).toEqual(['198.51.100.1', '203.0.113.9']);
    expect(t.unattributed).toMatchObject({ bytesSent: 7, sendRate: 7, connections: 1 });
  });

  it('has no rates (null, not 0) for a single sample, and no rows when unavailable', () => {
    expect(summarizeTraffic([busy(1, 100, 0)], collected({ intervalMs: null })).processes[0]!.sendRate).toBeNull();
    const off = summarizeTraffic([], collected({ available: false, unavailableReason: 'no addon' }));
    expect(off).toMatchObject({ available: false, unavailableReason: 'no addon', processes: [] });
  });
});

describe('traffic in the snapshot document', () => {
  const withTraffic = () => {
    const s = sampleSnapshot();
    s.sockets.push(busy(s.processes[0]!.pid, 100, 10));
    s.traffic = summarizeTraffic(s.sockets, collected());
    return s;
  };

  it('opens a file written before traffic (no fields) and one with it', () => {
    const old = sampleSnapshot();
    const opened = parseSnapshotText(snapshotToJson(old));
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.snapshot.traffic ?? null).toBeNull();
    const fresh = parseSnapshotText(snapshotToJson(withTraffic()));
    expect(fresh.ok && fresh.snapshot.traffic?.processes.length).toBe(1);
  });

  it('deltas carry changed counters and the traffic summary', () => {
    const a = withTraffic();
    const b = structuredClone(a);
    b.takenAt = '2030-01-01T00:00:01.000Z';
    b.sockets.at(-1)!.bytesSent = 200;
    b.traffic!.processes[0]!.bytesSent = 200;
    const d = computeDelta(a, b);
    expect(d.sockets.updated).toHaveLength(1);
    expect(applyDelta(a, d).traffic?.processes[0]!.bytesSent).toBe(200);
  });

  it('masks remote host addresses with the same token as the sockets', () => {
    const m = maskSnapshot(withTraffic());
    const token = m.sockets.at(-1)!.remoteAddress;
    expect(token).toMatch(/^public-ip-/);
    expect(m.traffic!.remoteHosts[0]!.address).toBe(token);
  });

  it('lists rows by process, connection and remote host', () => {
    const s = withTraffic();
    s.processes.push(proc(77, { label: 'busy' }));
    s.sockets.push(busy(77, 9999, 999));
    s.traffic = summarizeTraffic(s.sockets, collected());
    expect(trafficRows(s, 'process')[0]!.label).toBe('busy');
    expect(trafficRows(s, 'connection')[0]!.pid).toBe(77);
    expect(trafficRows(s, 'remote')[0]!.label).toBe('203.0.113.9');
  });
});

describe('units', () => {
  it('formats bytes and rates, unknown as the word', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1234567)).toBe('1.2 MB');
    expect(formatBytes(null)).toBe('unknown');
    expect(formatRate(1_000_000)).toBe('1.0 MB/s');
    expect(formatRate(undefined)).toBe('unknown');
  });
  it('parses durations', () => {
    expect(parseDuration('2s')).toBe(2000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5')).toBe(1500);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('0s')).toBeNull();
  });
});
