import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../../../src/common/model/model';
import { lossLines, parseKillTarget, planKill, refusalFor } from '../../../../src/common/actions/killPlan';
import { parsePortRange, parsePortText, portReport } from '../../../../src/common/actions/portQuery';
import { closableConnections, closeRefusal } from '../../../../src/common/actions/closePlan';
import { proc, sock } from '../../../support/sampleSnapshot';

function snapshot(): Snapshot {
  return SnapshotSchema.parse({
    schema: 'sockeye.snapshot/1',
    takenAt: '2026-12-01T09:00:00.000Z',
    host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 0 },
    interfaces: [
      {
        name: 'lo',
        mac: null,
        up: true,
        internal: true,
        addresses: [{ address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', scope: 'loopback' }],
      },
    ],
    processes: [
      proc(10, { label: 'node · api', startedAt: '2026-12-01T08:00:00.000Z', role: 'server' }),
      proc(11, { label: 'node · api', startedAt: '2026-12-01T08:00:01.000Z', role: 'server' }),
      proc(20, { label: 'curl', startedAt: '2026-12-01T08:59:00.000Z', role: 'client' }),
    ],
    sockets: [
      sock({ pid: 10, localAddress: '0.0.0.0', localPort: 3000, localScope: 'unspecified' }),
      sock({ pid: 11, localAddress: '0.0.0.0', localPort: 3000, localScope: 'unspecified' }),
      sock({ pid: 10, family: 'IPv6', localAddress: '::', localPort: 3000, localScope: 'unspecified' }),
      sock({
        pid: 10,
        state: 'ESTABLISHED',
        localPort: 3000,
        remoteAddress: '127.0.0.1',
        remotePort: 50000,
        remoteScope: 'loopback',
      }),
      sock({
        pid: 10,
        state: 'ESTABLISHED',
        localAddress: '10.0.0.5',
        localScope: 'private',
        localPort: 3000,
        remoteAddress: '203.0.113.9',
        remotePort: 50001,
        remoteScope: 'public',
      }),
      sock({
        pid: 20,
        state: 'ESTABLISHED',
        side: 'client',
        localPort: 50000,
        remoteAddress: '127.0.0.1',
        remotePort: 3000,
        remoteScope: 'loopback',
      }),
      sock({ pid: null, localPort: 9000 }),
      sock({ pid: 20, protocol: 'udp', state: 'UNCONN', localPort: 5353 }),
    ],
    edges: [{ clientPid: 20, serverPid: 10, protocol: 'tcp', port: 3000, count: 1 }],
  });
}

describe('kill targets', () => {
  it('parses pids and ports', () => {
    expect(parseKillTarget('1234')).toEqual({ kind: 'pid', pid: 1234 });
    expect(parseKillTarget(':3000')).toEqual({ kind: 'port', port: 3000, protocol: 'tcp' });
    expect(parseKillTarget(':53/udp')).toEqual({ kind: 'port', port: 53, protocol: 'udp' });
    expect(parseKillTarget(':70000')).toHaveProperty('error');
    expect(parseKillTarget('node')).toHaveProperty('error');
    expect(parseKillTarget('0')).toHaveProperty('error');
  });

  it('a port names every process listening on it, with their identities', () => {
    const plan = planKill(snapshot(), { kind: 'port', port: 3000, protocol: 'tcp' }, []);
    expect(plan.error).toBeNull();
    expect(plan.targets.map((t) => t.identity)).toEqual([
      { pid: 10, startedAt: '2026-12-01T08:00:00.000Z', path: '/usr/bin/p10' },
      { pid: 11, startedAt: '2026-12-01T08:00:01.000Z', path: '/usr/bin/p11' },
    ]);
  });

  it('lists what will be lost: listeners, local clients by name, remote hosts by address', () => {
    const [t] = planKill(snapshot(), { kind: 'pid', pid: 10 }, []).targets;
    expect(t!.listeners.map((l) => `${l.address} ${l.exposure}`)).toEqual([
      '0.0.0.0 all interfaces',
      ':: all interfaces',
    ]);
    expect(t!.clients.local).toEqual([{ pid: 20, label: 'curl', connections: 1 }]);
    expect(t!.clients.remote).toEqual([{ address: '203.0.113.9', name: null, connections: 1 }]);
    const lines = lossLines(t!);
    expect(lines[0]).toBe('process node · api (pid 10, user alice)');
    expect(lines).toContain('listener [::]:3000/tcp (all interfaces)');
    expect(lines).toContain('client curl (pid 20) × 1');
    expect(lines).toContain('client 203.0.113.9 × 1');
  });

  it('says when nothing listens, or when the holder is hidden', () => {
    expect(planKill(snapshot(), { kind: 'port', port: 4000, protocol: 'tcp' }, []).error).toMatch(/nothing listens/);
    expect(planKill(snapshot(), { kind: 'port', port: 9000, protocol: 'tcp' }, []).error).toMatch(/hidden/);
    expect(planKill(snapshot(), { kind: 'pid', pid: 99 }, []).error).toMatch(/no process 99/);
  });

  it('describes a pid the snapshot does not list through the lookup', () => {
    const plan = planKill(snapshot(), { kind: 'pid', pid: 99 }, [], (pid) => proc(pid, { label: 'sleep' }));
    expect(plan.targets[0]).toMatchObject({ label: 'sleep', listeners: [] });
  });

  it('refuses PID 1 and Sockeye itself', () => {
    expect(refusalFor(1, [])).toMatch(/init/);
    expect(refusalFor(500, [500])).toMatch(/Sockeye itself/);
    expect(refusalFor(500, [])).toBeNull();
    expect(planKill(snapshot(), { kind: 'pid', pid: 20 }, [20]).targets[0]!.refusal).toMatch(/Sockeye/);
  });
});

describe('port report', () => {
  it('lists every socket on the port with holders, side and reach; listeners first', () => {
    const r = portReport(snapshot(), 3000, 'tcp');
    expect(r.held).toBe(true);
    expect(r.sockets[0]).toMatchObject({ localAddress: '0.0.0.0', listening: true, exposure: 'all interfaces' });
    expect(r.sockets[0]!.holders.map((h) => h.pid)).toEqual([10, 11]);
    expect(r.sockets.filter((s) => !s.listening).every((s) => s.exposure === null && s.side === 'server')).toBe(true);
    expect(portReport(snapshot(), 3000, 'udp').held).toBe(false);
    expect(portReport(snapshot(), 5353, 'udp').held).toBe(true);
    expect(portReport(snapshot(), 9000, 'tcp').sockets[0]!.holders).toEqual([{ pid: null, label: null, user: null }]);
  });

  it('parses ports and ranges', () => {
    expect(parsePortText('3000')).toEqual({ port: 3000, protocol: 'tcp' });
    expect(parsePortText(':53/UDP')).toEqual({ port: 53, protocol: 'udp' });
    expect(parsePortText('0')).toBeNull();
    expect(parsePortRange(undefined)).toEqual({ from: 1024, to: 65535 });
    expect(parsePortRange('3000-3010')).toEqual({ from: 3000, to: 3010 });
    expect(parsePortRange('3010-3000')).toHaveProperty('error');
    expect(parsePortRange('x')).toHaveProperty('error');
  });
});

describe('close targets', () => {
  it('only established TCP connections can be closed', () => {
    const s = snapshot();
    expect(closableConnections(s).map((c) => c.localPort)).toEqual([3000, 3000, 50000]);
    expect(closeRefusal(s.sockets[0]!)).toMatch(/ESTABLISHED/);
    expect(closeRefusal(s.sockets[7]!)).toMatch(/TCP/);
  });
});
