/**
 * Property: stopping never signals the wrong process. A snapshot is taken, a target is chosen
 * from it (a pid or a port) and confirmed; then, while the action runs, the fake OS lets pids
 * exit and be reused — by other programs or by the same executable started again. Every signal
 * sent must reach the incarnation the user confirmed, and nothing is sent when it is gone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Process, type Snapshot, type Socket } from '../../../../src/common/model/model';
import { planKill } from '../../../../src/common/actions/killPlan';
import { stopProcess, type StopDeps } from '../../../../src/node/actions/stopProcess';
import type { CurrentProcess } from '../../../../src/node/actions/readIdentity';

const PIDS = [100, 101, 102];
const PATHS = ['/usr/bin/node', '/usr/bin/python3'];
const PORTS = [3000, 3001];

interface Incarnation {
  startedAt: string;
  path: string;
  ignoresTerm: boolean;
}

/** What happens to one pid between two looks at the OS. */
type OsEvent =
  { pid: number; kind: 'exit' } | { pid: number; kind: 'reuse'; path: string; ignoresTerm: boolean } | null;

const at = (n: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, 0) + n * 1000).toISOString();

const incarnationArb = (n: number) =>
  fc.record({ path: fc.constantFrom(...PATHS), ignoresTerm: fc.boolean() }).map((r) => ({ ...r, startedAt: at(n) }));

const worldArb = fc.record({
  // Each pid: alive at snapshot time or not.
  alive: fc.tuple(...PIDS.map((_, i) => fc.option(incarnationArb(i), { nil: null }))),
  // Which pid listens on which port in the snapshot.
  listens: fc.array(fc.record({ pid: fc.constantFrom(...PIDS), port: fc.constantFrom(...PORTS) }), { maxLength: 4 }),
  // What happens between the snapshot and the confirmation, and during the action.
  before: fc.array(osEventArb(), { maxLength: 4 }),
  during: fc.array(osEventArb(), { maxLength: 12 }),
  target: fc.oneof(
    fc.record({ kind: fc.constant('pid' as const), pid: fc.constantFrom(...PIDS) }),
    fc.record({
      kind: fc.constant('port' as const),
      port: fc.constantFrom(...PORTS),
      protocol: fc.constant('tcp' as const),
    }),
  ),
  signal: fc.constantFrom('SIGTERM' as const, 'SIGKILL' as const),
});

function osEventArb(): fc.Arbitrary<OsEvent> {
  return fc.oneof(
    fc.constant(null),
    fc.record({ pid: fc.constantFrom(...PIDS), kind: fc.constant('exit' as const) }),
    fc.record({
      pid: fc.constantFrom(...PIDS),
      kind: fc.constant('reuse' as const),
      path: fc.constantFrom(...PATHS),
      ignoresTerm: fc.boolean(),
    }),
  );
}

class FakeOs {
  private seq = 100;
  readonly table = new Map<number, Incarnation | null>();
  readonly sent: { pid: number; signal: string; hit: Incarnation }[] = [];

  apply(e: OsEvent): void {
    if (!e) return;
    const cur = this.table.get(e.pid) ?? null;
    if (e.kind === 'exit') this.table.set(e.pid, null);
    // A pid is reused only once its process is gone (the kernel never hands out a live pid).
    else if (cur === null)
      this.table.set(e.pid, { path: e.path, ignoresTerm: e.ignoresTerm, startedAt: at(this.seq++) });
  }

  read(pid: number): CurrentProcess | null {
    const cur = this.table.get(pid) ?? null;
    return cur ? { pid, startedAt: cur.startedAt, path: cur.path, ppid: 1, user: 'root' } : null;
  }
}

function snapshotOf(os: FakeOs, listens: { pid: number; port: number }[]): Snapshot {
  const processes: Process[] = [];
  for (const [pid, inc] of os.table)
    if (inc)
      processes.push({
        pid,
        ppid: 1,
        name: 'p',
        path: inc.path,
        cmdline: null,
        cwd: null,
        user: 'root',
        startedAt: inc.startedAt,
        label: `p${pid}`,
        role: 'server',
      });
  const sockets: Socket[] = listens
    .filter((l) => os.table.get(l.pid))
    .map((l) => ({
      protocol: 'tcp',
      family: 'IPv4',
      localAddress: '0.0.0.0',
      localPort: l.port,
      remoteAddress: null,
      remotePort: null,
      state: 'LISTEN',
      pid: l.pid,
      uid: 0,
      side: 'server',
      localScope: 'unspecified',
      remoteScope: null,
      service: null,
      portClass: 'registered',
    }));
  return SnapshotSchema.parse({
    schema: 'sockeye.snapshot/1',
    takenAt: at(0),
    host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 0 },
    interfaces: [],
    processes,
    sockets,
    edges: [],
  });
}

describe('stopping never targets the wrong process', () => {
  it('holds over snapshots whose pids are reused before and during the action', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const os = new FakeOs();
        PIDS.forEach((pid, i) => os.table.set(pid, w.alive[i] ?? null));
        const snapshot = snapshotOf(os, w.listens);
        const plan = planKill(snapshot, w.target, []);
        // The identities the user confirms are exactly the snapshot's processes.
        const target = w.target;
        for (const t of plan.targets) {
          const p = snapshot.processes.find((x) => x.pid === t.identity.pid)!;
          expect(t.identity).toEqual({ pid: p.pid, startedAt: p.startedAt, path: p.path });
          if (target.kind === 'port')
            expect(snapshot.sockets.some((s) => s.pid === p.pid && s.localPort === target.port)).toBe(true);
        }
        for (const e of w.before) os.apply(e);
        const during = [...w.during];
        const deps: StopDeps = {
          // Every look at the OS lets the world move on by one event.
          read: async (pid) => {
            os.apply(during.shift() ?? null);
            return os.read(pid);
          },
          send: async (pid, signal) => {
            const hit = os.table.get(pid);
            if (!hit) throw Object.assign(new Error('no such process'), { code: 'ESRCH' });
            os.sent.push({ pid, signal, hit });
            if (signal === 'SIGKILL' || !hit.ignoresTerm) os.table.set(pid, null);
          },
          sleep: async () => {},
        };
        for (const t of plan.targets) {
          const confirmed = t.identity;
          const result = await stopProcess({ identity: confirmed, signal: w.signal, timeoutMs: 0, selfPids: [] }, deps);
          for (const s of os.sent.filter((x) => x.pid === confirmed.pid)) {
            expect(s.hit.startedAt).toBe(confirmed.startedAt);
            expect(s.hit.path).toBe(confirmed.path);
          }
          if (result.outcome === 'changed' || result.outcome === 'already-gone')
            expect(os.sent.some((x) => x.pid === confirmed.pid)).toBe(false);
          os.sent.length = 0;
        }
      }),
      { numRuns: 500 },
    );
  });
});
