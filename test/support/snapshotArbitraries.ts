/**
 * fast-check arbitraries for snapshots: small value sets so that generated sockets collide and
 * share processes, which is where filtering and deltas go wrong.
 */
import fc from 'fast-check';
import { SnapshotSchema, type Edge, type Process, type Snapshot, type Socket } from '../../src/common/model/model';

export const socketArb: fc.Arbitrary<Socket> = fc.record({
  protocol: fc.constantFrom('tcp', 'udp'),
  family: fc.constantFrom('IPv4', 'IPv6'),
  localAddress: fc.constantFrom('127.0.0.1', '0.0.0.0', '::1', '10.0.0.5', 'fe80::1', '::ffff:192.168.1.1'),
  localPort: fc.constantFrom(22, 80, 443, 5432, 40000, 50001),
  remoteAddress: fc.constantFrom(null, '127.0.0.1', '203.0.113.9', '::1'),
  remotePort: fc.constantFrom(null, 80, 51000),
  state: fc.constantFrom('LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'UNCONN', null),
  pid: fc.constantFrom(null, 1, 2, 3),
  uid: fc.constantFrom(null, 0, 1000),
  side: fc.constantFrom('server', 'client', null),
  localScope: fc.constantFrom('loopback', 'private', 'unspecified', 'link-local'),
  remoteScope: fc.constantFrom(null, 'loopback', 'public'),
  service: fc.constantFrom(null, 'http', 'ssh'),
  portClass: fc.constantFrom(null, 'system', 'dynamic'),
}) as fc.Arbitrary<Socket>;

export const processArb = (pid: number): fc.Arbitrary<Process> =>
  fc.record({
    pid: fc.constant(pid),
    ppid: fc.constantFrom(null, 1),
    name: fc.constantFrom('node', 'nginx', 'sshd'),
    path: fc.constantFrom(null, '/usr/bin/node'),
    cmdline: fc.constantFrom(null, 'node a.js', 'node b.js', 'nginx -g daemon'),
    cwd: fc.constant(null),
    user: fc.constantFrom(null, 'root', 'alice'),
    startedAt: fc.constant(null),
    label: fc.constantFrom('node', 'node · a'),
    role: fc.constantFrom('client', 'server', 'both', 'none'),
  }) as fc.Arbitrary<Process>;

/** Snapshots of up to `maxSockets` sockets whose processes are some of `pids`. */
export function snapshotArb(opts: {
  takenAt?: string;
  maxSockets: number;
  pids: number[];
  edges?: Edge[];
}): fc.Arbitrary<Snapshot> {
  return fc
    .record({ sockets: fc.array(socketArb, { maxLength: opts.maxSockets }), pids: fc.subarray(opts.pids) })
    .chain(({ sockets, pids }) =>
      fc.tuple(...pids.map(processArb)).map((processes) =>
        SnapshotSchema.parse({
          schema: 'sockeye.snapshot/1',
          takenAt: opts.takenAt ?? '2026-01-01T00:00:00.000Z',
          host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 0 },
          interfaces: [],
          processes,
          sockets,
          edges: opts.edges ?? [],
        }),
      ),
    );
}
