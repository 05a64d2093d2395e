import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Collected, CollectedTraffic, RawProcess, RawSocket } from '../../../../src/common/model/collected';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import { SocketReuse } from '../../../../src/common/derive/socketReuse';
import { computeDelta } from '../../../../src/common/snapshot/snapshotDelta';
import { parseEtcServices } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';

const services = parseEtcServices(BUNDLED_SERVICES);
const takenAt = new Date('2026-12-01T15:00:00.000Z');
type Row = RawSocket & { inode: number };

const traffic: CollectedTraffic = {
  available: true,
  unavailableReason: null,
  source: 'sock_diag',
  intervalMs: 1000,
  since: null,
  closed: [],
  closedByRemote: [],
  interfaces: [],
  lostEvents: 0,
};

const proc = (pid: number, name: string): RawProcess => ({
  pid,
  ppid: 1,
  name,
  path: `/usr/bin/${name}`,
  cmdline: null,
  cwd: '/',
  user: 'root',
  startedAt: null,
});

function collected(rows: Row[], names: string[], counting: boolean): Collected {
  return {
    collector: 'procfs',
    hostname: 'h',
    platform: 'linux',
    privileged: true,
    sockets: rows,
    processes: names.map((n, i) => proc(i + 1, n)),
    interfaces: [],
    ...(counting ? { traffic } : null),
  };
}

// A small world where rows meet: ports that pair, well-known and registered ports (service names
// that depend on the holder's program), shared holders, hidden owners with a user name.
const rowArb: fc.Arbitrary<Row> = fc.record({
  inode: fc.integer({ min: 0, max: 12 }),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  family: fc.constantFrom('IPv4' as const, 'IPv6' as const),
  localAddress: fc.constantFrom('127.0.0.1', '0.0.0.0', '10.0.0.2'),
  localPort: fc.constantFrom(22, 5432, 6379, 40000, 40001),
  remoteAddress: fc.constantFrom(null, '127.0.0.1', '93.184.216.34'),
  remotePort: fc.constantFrom(null, 22, 5432, 40000, 40001),
  state: fc.constantFrom('LISTEN' as const, 'ESTABLISHED' as const, 'TIME_WAIT' as const, null),
  pid: fc.constantFrom(null, 1, 2, 3),
  pids: fc.option(fc.constantFrom([1, 2], [2, 3]), { nil: undefined }),
  uid: fc.constantFrom(0, 1000),
  user: fc.option(fc.constantFrom('root', 'ann'), { nil: undefined }),
  recvQ: fc.option(fc.nat(3), { nil: undefined }),
  sendQ: fc.option(fc.nat(3), { nil: undefined }),
  netns: fc.option(fc.constantFrom(4026531840, 4026532000), { nil: undefined }),
  bytesSent: fc.option(fc.nat(5), { nil: undefined }),
  bytesReceived: fc.option(fc.nat(5), { nil: undefined }),
  bytesRetransmitted: fc.option(fc.nat(1), { nil: undefined }),
  rttMs: fc.option(fc.constantFrom(0.1, 2), { nil: undefined }),
  sendRate: fc.option(fc.nat(5), { nil: undefined }),
  receiveRate: fc.option(fc.nat(5), { nil: undefined }),
});

// Inodes may repeat within a table: 0 ("none") always, and a dump that is not atomic can list
// one socket twice.
const tableArb = fc
  .tuple(fc.array(rowArb, { maxLength: 14 }), fc.array(fc.nat(), { maxLength: 2 }))
  .map(([rows, twice]) => (rows.length ? rows.concat(twice.map((d) => ({ ...rows[d % rows.length]! }))) : rows));
const namesArb = fc.tuple(
  fc.constantFrom('sshd', 'postgres', 'node'),
  fc.constantFrom('redis-server', 'node'),
  fc.constantFrom('postgres', 'python3'),
);
const FIELDS = [
  'protocol',
  'family',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'state',
  'pid',
  'pids',
  'uid',
  'user',
  'recvQ',
  'sendQ',
  'netns',
  'bytesSent',
  'bytesReceived',
  'bytesRetransmitted',
  'rttMs',
  'sendRate',
  'receiveRate',
] as const;
// The next tick: the last table's rows copied (as a collector decodes them afresh), some dropped,
// some with one field changed, some new rows; the programs and counting may change too.
const stepArb = fc.record({
  keep: fc.array(
    fc.nat(9).map((n) => n < 8),
    { maxLength: 14 },
  ),
  tweaks: fc.array(fc.tuple(fc.nat(13), fc.constantFrom(...FIELDS), rowArb), { maxLength: 3 }),
  fresh: fc.array(rowArb, { maxLength: 3 }),
  names: namesArb,
  counting: fc.boolean(),
});

function nextTable(
  prev: Row[],
  step: { keep: boolean[]; tweaks: [number, (typeof FIELDS)[number], Row][]; fresh: Row[] },
): Row[] {
  const rows = prev.filter((_, i) => step.keep[i] ?? true).map((r) => ({ ...r }));
  for (const [i, field, from] of step.tweaks) if (rows[i]) Object.assign(rows[i]!, { [field]: from[field] });
  const used = new Set(rows.map((r) => r.inode));
  return rows.concat(step.fresh.filter((r) => r.inode === 0 || !used.has(r.inode)));
}

describe('SocketReuse (the live tick keeps unchanged sockets)', () => {
  it('assembles exactly what a fresh assembly does, over any sequence of ticks', () => {
    let reusedSockets = 0;
    fc.assert(
      fc.property(tableArb, namesArb, fc.array(stepArb, { minLength: 1, maxLength: 5 }), (first, names0, steps) => {
        const reuse = new SocketReuse();
        let rows = first;
        let last = assembleSnapshot(collected(rows, names0, true), { services, takenAt, reuse });
        expect(last).toStrictEqual(assembleSnapshot(collected(rows, names0, true), { services, takenAt }));
        for (const step of steps) {
          rows = nextTable(rows, step);
          const c = collected(rows, step.names, step.counting);
          const reused = assembleSnapshot(c, { services, takenAt, reuse });
          expect(reused).toStrictEqual(assembleSnapshot(c, { services, takenAt }));
          // Two rows never come back as one object (pairing and the history tell them apart by identity).
          expect(new Set(reused.sockets).size).toBe(reused.sockets.length);
          reusedSockets += reused.sockets.filter((s) => last.sockets.includes(s)).length;
          last = reused;
        }
      }),
      { numRuns: 1500 },
    );
    // The property is about reused sockets: make sure it met plenty of them.
    expect(reusedSockets).toBeGreaterThan(1000);
  });

  it('hands back the same object for an unchanged row, and a new one when anything it is made of changed', () => {
    const reuse = new SocketReuse();
    const row: Row = {
      inode: 7,
      protocol: 'tcp',
      family: 'IPv4',
      localAddress: '127.0.0.1',
      localPort: 5432,
      remoteAddress: '127.0.0.1',
      remotePort: 40000,
      state: 'ESTABLISHED',
      pid: 3,
      uid: 0,
      bytesSent: 10,
      bytesReceived: 20,
    };
    // Its listener makes it the server's end, so the holder's program decides its service name.
    const listener: Row = { ...row, inode: 6, remoteAddress: null, remotePort: null, state: 'LISTEN' };
    const at = (rows: Row[], names = ['sshd', 'node', 'postgres']) =>
      assembleSnapshot(collected([listener, ...rows], names, true), { services, takenAt, reuse }).sockets.find(
        (s) => s.state === 'ESTABLISHED',
      )!;
    const first = at([row]);
    expect(at([{ ...row }])).toBe(first);
    const counted = at([{ ...row, bytesSent: 11 }]);
    expect(counted).not.toBe(first);
    expect(counted.bytesSent).toBe(11);
    // The holder's program is what makes 5432 "postgresql" or only a hint: a changed name re-derives.
    const renamed = at([{ ...row, bytesSent: 11 }], ['sshd', 'node', 'python3']);
    expect(renamed).not.toBe(counted);
    expect([counted.service, counted.serviceHint, renamed.service, renamed.serviceHint]).toEqual([
      'postgresql',
      undefined,
      null,
      'postgresql',
    ]);
    // Another socket under a reused inode number is a new object.
    expect(at([{ ...row, bytesSent: 11, inode: 7, localPort: 5433 }], ['sshd', 'node', 'python3'])).not.toBe(renamed);
  });

  it('makes the next delta empty for an idle table without comparing field by field', () => {
    const reuse = new SocketReuse();
    const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({
      inode: 100 + i,
      protocol: 'tcp',
      family: 'IPv4',
      localAddress: '127.0.0.1',
      localPort: 40000 + i,
      remoteAddress: '127.0.0.1',
      remotePort: 5432,
      state: 'ESTABLISHED',
      pid: 2,
      uid: 0,
    }));
    const a = assembleSnapshot(collected(rows, ['sshd', 'node', 'postgres'], false), { services, takenAt, reuse });
    const b = assembleSnapshot(
      collected(
        rows.map((r) => ({ ...r })),
        ['sshd', 'node', 'postgres'],
        false,
      ),
      {
        services,
        takenAt: new Date(takenAt.getTime() + 1000),
        reuse,
      },
    );
    expect(b.sockets.every((s, i) => s === a.sockets[i])).toBe(true);
    expect(computeDelta(a, b).sockets).toEqual({ added: [], removed: [], updated: [] });
  });
});
