import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Process, type Snapshot, type Socket } from '../../../src/shared/model';
import { applyDelta, computeDelta, socketIdentity, socketKeys } from '../../../src/shared/snapshotDelta';

const socketArb: fc.Arbitrary<Socket> = fc.record({
  protocol: fc.constantFrom('tcp', 'udp'),
  family: fc.constantFrom('IPv4', 'IPv6'),
  localAddress: fc.constantFrom('127.0.0.1', '0.0.0.0', '::1', '10.0.0.5'),
  localPort: fc.constantFrom(22, 80, 443, 5432, 40000, 50001),
  remoteAddress: fc.constantFrom(null, '127.0.0.1', '203.0.113.9'),
  remotePort: fc.constantFrom(null, 80, 51000),
  state: fc.constantFrom('LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'UNCONN', null),
  pid: fc.constantFrom(null, 1, 2, 3),
  uid: fc.constantFrom(null, 0, 1000),
  side: fc.constantFrom('server', 'client', null),
  localScope: fc.constantFrom('loopback', 'private'),
  remoteScope: fc.constantFrom(null, 'loopback', 'public'),
  service: fc.constantFrom(null, 'http'),
  portClass: fc.constantFrom(null, 'system', 'dynamic'),
}) as fc.Arbitrary<Socket>;

const processArb = (pid: number): fc.Arbitrary<Process> =>
  fc.record({
    pid: fc.constant(pid),
    ppid: fc.constantFrom(null, 1),
    name: fc.constantFrom('node', 'nginx'),
    path: fc.constant(null),
    cmdline: fc.constantFrom(null, 'node a.js', 'node b.js'),
    cwd: fc.constant(null),
    user: fc.constantFrom(null, 'root'),
    startedAt: fc.constant(null),
    label: fc.constantFrom('node', 'node · a'),
    role: fc.constantFrom('client', 'server', 'both', 'none'),
  }) as fc.Arbitrary<Process>;

const snapshotArb = (takenAt: string): fc.Arbitrary<Snapshot> =>
  fc
    .record({
      sockets: fc.array(socketArb, { maxLength: 25 }),
      pids: fc.subarray([1, 2, 3]),
    })
    .chain(({ sockets, pids }) =>
      fc.tuple(...pids.map(processArb)).map((processes) =>
        SnapshotSchema.parse({
          schema: 'sockeye.snapshot/1',
          takenAt,
          host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 0 },
          interfaces: [],
          processes,
          sockets,
          edges: [],
        }),
      ),
    );

const sortedKeys = (s: Snapshot) => socketKeys(s.sockets).sort();
const canonical = (s: Snapshot) =>
  [...s.sockets].map((x) => JSON.stringify(x)).sort();

describe('computeDelta / applyDelta', () => {
  it('applying the delta of (a, b) to a gives b (sockets as a multiset, processes by pid)', () => {
    fc.assert(
      fc.property(snapshotArb('2026-11-24T10:00:00.000Z'), snapshotArb('2026-11-24T10:00:01.000Z'), (a, b) => {
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
      fc.property(snapshotArb('2026-11-24T10:00:00.000Z'), (a) => {
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
      protocol: 'udp', family: 'IPv4', localAddress: '0.0.0.0', localPort: 5353, remoteAddress: null, remotePort: null,
      state: 'UNCONN', pid: 1, uid: 0, side: 'server', localScope: 'unspecified', remoteScope: null, service: 'mdns', portClass: 'registered',
    } satisfies Socket;
    expect(socketKeys([s, s, s])).toEqual([socketIdentity(s), `${socketIdentity(s)}#1`, `${socketIdentity(s)}#2`]);
  });

  it('refuses a delta computed against another snapshot', () => {
    fc.assert(
      fc.property(snapshotArb('2026-11-24T10:00:00.000Z'), snapshotArb('2026-11-24T10:00:01.000Z'), (a, b) => {
        const other = { ...a, takenAt: '2026-11-24T09:59:59.000Z' };
        expect(() => applyDelta(other, computeDelta(a, b))).toThrow(/does not apply/);
      }),
      { numRuns: 20 },
    );
  });
});
