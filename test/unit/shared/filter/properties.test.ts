import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Process, type Snapshot, type Socket } from '../../../../src/shared/model';
import { FILTER_FIELDS, FilterParseError, filterSnapshot, parseFilter } from '../../../../src/shared/filter';

const socketArb: fc.Arbitrary<Socket> = fc.record({
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

const processArb = (pid: number): fc.Arbitrary<Process> =>
  fc.record({
    pid: fc.constant(pid),
    ppid: fc.constantFrom(null, 1),
    name: fc.constantFrom('node', 'nginx', 'sshd'),
    path: fc.constantFrom(null, '/usr/bin/node'),
    cmdline: fc.constantFrom(null, 'node a.js', 'nginx -g daemon'),
    cwd: fc.constant(null),
    user: fc.constantFrom(null, 'root', 'alice'),
    startedAt: fc.constant(null),
    label: fc.constantFrom('node', 'node · a'),
    role: fc.constantFrom('client', 'server', 'both', 'none'),
  }) as fc.Arbitrary<Process>;

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({ sockets: fc.array(socketArb, { maxLength: 30 }), pids: fc.subarray([1, 2, 3, 4]) })
  .chain(({ sockets, pids }) =>
    fc.tuple(...pids.map(processArb)).map((processes) =>
      SnapshotSchema.parse({
        schema: 'sockeye.snapshot/1',
        takenAt: '2026-01-01T00:00:00.000Z',
        host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 0 },
        interfaces: [],
        processes,
        sockets,
        edges: [{ clientPid: 1, serverPid: 2, protocol: 'tcp', port: 80, count: 1 }],
      }),
    ),
  );

/** Valid terms from the help examples plus words, so the generated filters mostly parse. */
const termArb = fc.oneof(
  fc.constantFrom(...FILTER_FIELDS.flatMap((f) => f.examples)),
  fc.constantFrom('node', '"node a"', '127.0.0.1', 'addr:::1', 'addr:::ffff:0:0/96', 'user:0', 'role:none', 'side:none', 'proc:*', 'pid:1-2'),
);
const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    termArb,
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} ${b}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) OR (${b})`),
    tie('e').map((a) => `-(${a})`),
    tie('e').map((a) => `NOT (${a})`),
  ),
})).e;

/** Strings made of the language's own pieces, so the fuzzing reaches deep into the parser. */
const noiseArb = fc
  .array(fc.constantFrom('(', ')', '"', '-', '!', ' ', 'OR', 'AND', 'NOT', ':', ',', '/', '\\', 'port', 'addr', 'state', 'prot', '80', '8000-', '::1', 'fe80::/1', 'listen', '*', '?', '%', 'x'), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('filter language properties', () => {
  it('parsing any string throws nothing but FilterParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), noiseArb, exprArb), (s) => {
        try {
          parseFilter(s);
        } catch (err) {
          if (!(err instanceof FilterParseError)) throw err;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.end).toBeGreaterThanOrEqual(err.position);
          expect(err.position).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('filtering returns a subset, in order, without duplicates, and never fails on a valid filter', () => {
    fc.assert(
      fc.property(snapshotArb, exprArb, (snap, expr) => {
        const out = filterSnapshot(snap, parseFilter(expr));
        expect(new Set(out.sockets).size).toBe(out.sockets.length);
        let last = -1;
        for (const s of out.sockets) {
          const i = snap.sockets.indexOf(s);
          expect(i).toBeGreaterThan(last);
          last = i;
        }
        expect(new Set(out.processes).size).toBe(out.processes.length);
        for (const p of out.processes) expect(snap.processes).toContain(p);
        for (const e of out.edges) expect(snap.edges).toContain(e);
        expect(out.interfaces).toBe(snap.interfaces);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('NOT x and x split the sockets: together all of them, never one in both', () => {
    fc.assert(
      fc.property(snapshotArb, exprArb, (snap, expr) => {
        const yes = new Set(filterSnapshot(snap, parseFilter(expr)).sockets);
        const no = new Set(filterSnapshot(snap, parseFilter(`NOT (${expr})`)).sockets);
        for (const s of snap.sockets) expect(yes.has(s) !== no.has(s)).toBe(true);
        expect(yes.size + no.size).toBe(snap.sockets.length);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('x OR y keeps exactly the union, x y exactly the intersection', () => {
    fc.assert(
      fc.property(snapshotArb, exprArb, exprArb, (snap, x, y) => {
        const a = new Set(filterSnapshot(snap, parseFilter(x)).sockets);
        const b = new Set(filterSnapshot(snap, parseFilter(y)).sockets);
        const or = filterSnapshot(snap, parseFilter(`(${x}) OR (${y})`)).sockets;
        const and = filterSnapshot(snap, parseFilter(`(${x}) (${y})`)).sockets;
        expect(or).toEqual(snap.sockets.filter((s) => a.has(s) || b.has(s)));
        expect(and).toEqual(snap.sockets.filter((s) => a.has(s) && b.has(s)));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
