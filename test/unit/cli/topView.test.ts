import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { fitWidth, renderTopFrame } from '../../../src/cli/text/topView';
import type { TrafficRow } from '../../../src/common/traffic/trafficRows';
import { sampleSnapshot } from '../../support/sampleSnapshot';

const row = (label: string, rate: number): TrafficRow => ({
  key: label,
  label,
  pid: 1,
  detail: 'pid 1 · 1 conn',
  sendRate: rate,
  receiveRate: 0,
  bytesSent: rate * 10,
  bytesReceived: 0,
  connections: 1,
});

const snap = () => {
  const s = sampleSnapshot();
  s.traffic = {
    available: true,
    unavailableReason: null,
    source: 'sock_diag',
    intervalMs: 1000,
    since: null,
    processes: [],
    remoteHosts: [],
    interfaces: [],
    unattributed: { bytesSent: 0, bytesReceived: 0, sendRate: 0, receiveRate: 0, connections: 0 },
    lostEvents: 0,
  };
  return s;
};

describe('sockeye top frame', () => {
  it('fits every line to the terminal width, wide names included, and keeps rates when narrow', () => {
    const rows = [row('数据库服务器-🐟-very-long-process-name-indeed', 2_000_000), row('small', 10)];
    for (const width of [30, 50, 80, 120]) {
      const lines = renderTopFrame(snap(), rows, { by: 'process', width, height: 20, intervalMs: 1000, filter: null });
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
      expect(lines.join('\n')).toMatch(width < 44 ? /2\.0 MB/ : /2\.0 MB/);
    }
  });

  it('shows only the rows that fit the height, and says how many more', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(`p${i}`, 30 - i));
    const lines = renderTopFrame(snap(), rows, {
      by: 'process',
      width: 80,
      height: 10,
      intervalMs: 1000,
      filter: null,
    });
    expect(lines.length).toBeLessThanOrEqual(10);
    expect(lines.at(-1)).toMatch(/more$/);
  });

  it('says traffic is unavailable and why', () => {
    const s = snap();
    s.traffic!.available = false;
    s.traffic!.unavailableReason = 'the netlink addon is not built';
    const lines = renderTopFrame(s, [], { by: 'process', width: 80, height: 10, intervalMs: 1000, filter: null });
    expect(lines[1]).toBe('traffic unavailable: the netlink addon is not built');
  });

  it('makes hostile names terminal-safe', () => {
    const lines = renderTopFrame(snap(), [row('evil\x1b]0;pwned\x07', 5)], {
      by: 'process',
      width: 100,
      height: 10,
      intervalMs: 1000,
      filter: null,
    });
    expect(lines.join('').includes('\x1b')).toBe(false);
  });

  it('cuts by display width with an ellipsis', () => {
    expect(fitWidth('abcdef', 4)).toBe('abc…');
    expect(stringWidth(fitWidth('数据库服务器', 5))).toBeLessThanOrEqual(5);
  });
});
