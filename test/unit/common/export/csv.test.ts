import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, snapshotToCsv } from '../../../../src/common/export/csv';
import { SnapshotSchema, type Snapshot } from '../../../../src/common/model/model';

const snapshot: Snapshot = SnapshotSchema.parse({
  schema: 'sockeye.snapshot/1',
  takenAt: '2026-11-24T10:00:00.000Z',
  host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 1 },
  interfaces: [],
  processes: [
    {
      pid: 7,
      ppid: 1,
      name: 'node',
      path: '/usr/bin/node',
      cmdline: '=cmd|"/c calc"!A1, "quoted"',
      cwd: '/srv',
      user: '@admin',
      startedAt: null,
      label: 'node · srv',
      role: 'server',
    },
  ],
  sockets: [
    {
      protocol: 'tcp',
      family: 'IPv4',
      localAddress: '127.0.0.1',
      localPort: 80,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: 7,
      uid: 0,
      side: 'server',
      localScope: 'loopback',
      remoteScope: null,
      service: 'http',
      portClass: 'system',
    },
    {
      protocol: 'udp',
      family: 'IPv6',
      localAddress: '::',
      localPort: 5353,
      remoteAddress: null,
      remotePort: null,
      state: 'UNCONN',
      pid: null,
      uid: null,
      side: 'server',
      localScope: 'unspecified',
      remoteScope: null,
      service: 'mdns',
      portClass: 'registered',
    },
  ],
  edges: [],
});

describe('snapshotToCsv', () => {
  it('reads back with a real CSV parser as one row per socket with a header', () => {
    const parsed = Papa.parse<Record<string, string>>(snapshotToCsv(snapshot), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(2);
    expect(parsed.data[0]).toMatchObject({
      protocol: 'tcp',
      localAddress: '127.0.0.1',
      localPort: '80',
      pid: '7',
      processLabel: 'node · srv',
      processRole: 'server',
      remoteAddress: '',
    });
    expect(parsed.data[1]).toMatchObject({ protocol: 'udp', family: 'IPv6', pid: '', processName: '' });
  });

  it('carries traffic counters where known and leaves unknown ones empty (never 0)', () => {
    const snap = structuredClone(snapshot);
    snap.sockets[0] = { ...snap.sockets[0]!, bytesSent: 1234, bytesReceived: 0, sendRate: 10, receiveRate: null };
    const parsed = Papa.parse<Record<string, string>>(snapshotToCsv(snap), { header: true, skipEmptyLines: true });
    expect(parsed.data[0]).toMatchObject({ bytesSent: '1234', bytesReceived: '0', sendRate: '10', receiveRate: '' });
    expect(parsed.data[1]).toMatchObject({ bytesSent: '', sendRate: '' });
  });

  it('neutralises formula injection and keeps quotes and commas intact', () => {
    const parsed = Papa.parse<Record<string, string>>(snapshotToCsv(snapshot), { header: true, skipEmptyLines: true });
    expect(parsed.data[0]!.cmdline).toBe(`'=cmd|"/c calc"!A1, "quoted"`);
    expect(parsed.data[0]!.user).toBe(`'@admin`);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (v) => {
    expect(csvCell(v).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it('leaves numbers and ordinary text alone', () => {
    expect(csvCell(443)).toBe('443');
    expect(csvCell('node · api')).toBe('node · api');
    expect(csvCell(null)).toBe('');
  });
});
