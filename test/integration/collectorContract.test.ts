/**
 * Contract tests every collector passes: on a known topology of real child processes, the
 * snapshot has the right roles and edges, and agrees with `ss -tuanp` taken right after on
 * every socket of those processes (5-tuple, state, pid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshotService } from '../../src/node/snapshot/snapshotService';
import { SnapshotSchema, type CollectorName, type Snapshot } from '../../src/common/model/model';
import { runSs, type SsSocket } from '../support/ss';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
beforeAll(async () => {
  topo = await startTopology();
});
afterAll(async () => {
  await topo?.stop();
});

const tuple = (
  s: {
    protocol: string;
    localAddress: string;
    localPort: number;
    remoteAddress: string | null;
    remotePort: number | null;
    state: string | null;
  },
  pid: number,
) =>
  `${s.protocol} ${s.localAddress}:${s.localPort} -> ${s.remoteAddress ?? '*'}:${s.remotePort ?? '*'} ${s.state} pid=${pid}`;

// The procfs collector reads its socket rows from sock_diag (the addon) or from /proc/net text:
// both must agree with ss. Without the addon built, the netlink variant falls back to /proc/net.
const variants: { name: string; collector: CollectorName; socketTable?: 'netlink' | 'procfs' }[] = [
  { name: 'procfs (sock_diag rows)', collector: 'procfs', socketTable: 'netlink' },
  { name: 'procfs (/proc/net rows)', collector: 'procfs', socketTable: 'procfs' },
  { name: 'systeminformation', collector: 'systeminformation' },
];

describe.each(variants)('collector $name', ({ collector, socketTable }) => {
  let snap: Snapshot;
  let ss: SsSocket[];
  let pids: Set<number>;

  beforeAll(async () => {
    const service = createSnapshotService({ collector, socketTable });
    snap = await service.take();
    ss = runSs();
    await service.close();
    pids = new Set([topo.server.pid, topo.api.pid, topo.client.pid]);
  });

  it('produces a schema-valid snapshot named for its collector', () => {
    expect(() => SnapshotSchema.parse(snap)).not.toThrow();
    expect(snap.host.collector).toBe(collector);
    if (socketTable === 'procfs') expect(snap.host.socketTable).toBe('/proc/net');
    if (socketTable === 'netlink' && snap.traffic?.available) expect(snap.host.socketTable).toBe('sock_diag');
  });

  it('classifies the server, the api (both) and the client', () => {
    const role = (pid: number) => snap.processes.find((p) => p.pid === pid)?.role;
    expect(role(topo.server.pid)).toBe('server');
    expect(role(topo.api.pid)).toBe('both');
    expect(role(topo.client.pid)).toBe('client');
    expect(snap.processes.find((p) => p.pid === topo.api.pid)?.label).toMatch(/^node/);
  });

  it('pairs local connections into edges with parallel connections counted', () => {
    const edges = snap.edges
      .filter((e) => pids.has(e.clientPid) && pids.has(e.serverPid))
      .map(({ clientPid, serverPid, protocol, port, count }) => ({ clientPid, serverPid, protocol, port, count }));
    expect(edges).toEqual(
      [
        { clientPid: topo.api.pid, serverPid: topo.server.pid, protocol: 'tcp', port: topo.server.tcpPort, count: 1 },
        { clientPid: topo.client.pid, serverPid: topo.api.pid, protocol: 'tcp', port: topo.api.port, count: 2 },
        {
          clientPid: topo.client.pid,
          serverPid: topo.server.pid,
          protocol: 'tcp',
          port: topo.server.tcpPort,
          count: 1,
        },
      ].sort((a, b) => a.clientPid - b.clientPid || a.serverPid - b.serverPid),
    );
  });

  it('agrees with ss on every socket of the topology (5-tuple, state, pid)', () => {
    const ours = snap.sockets
      .filter((s) => s.pid !== null && pids.has(s.pid))
      .map((s) => tuple(s, s.pid!))
      .sort();
    const theirs = ss
      .filter((s) => s.pids.some((p) => pids.has(p)))
      .map((s) => ({ s, pid: s.pids.find((p) => pids.has(p))! }));
    // systeminformation keeps only rows with a TCP state, so it never sees unconnected UDP (README, platform notes).
    const visible =
      collector === 'systeminformation'
        ? theirs.filter(({ s }) => !(s.protocol === 'udp' && s.state === 'UNCONN'))
        : theirs;
    expect(ours).toEqual(visible.map(({ s, pid }) => tuple(s, pid)).sort());
    expect(ours.length).toBeGreaterThanOrEqual(9);
    const udp = `udp 127.0.0.1:${topo.server.udpPort} -> *:* UNCONN pid=${topo.server.pid}`;
    if (collector === 'procfs') expect(ours).toContain(udp);
    else expect(ours).not.toContain(udp);
  });
});
