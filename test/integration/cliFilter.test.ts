/**
 * `sockeye snapshot --filter` on a real snapshot of child processes (test/support/topology.ts),
 * in every output format, and its errors.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../src/common/model/model';
import { runCli } from '../support/runCli';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
beforeAll(async () => {
  topo = await startTopology();
});
afterAll(async () => {
  await topo?.stop();
});

describe('sockeye snapshot --filter', () => {
  it('--json keeps only matching sockets, their owners and the edges they carry', async () => {
    const r = await runCli(['snapshot', '--json', '--filter', `pid:${topo.client.pid},${topo.api.pid}`]);
    expect(r.code).toBe(0);
    const snap = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(snap.sockets.length).toBeGreaterThan(0);
    expect(new Set(snap.sockets.map((s) => s.pid))).toEqual(new Set([topo.client.pid, topo.api.pid]));
    expect(snap.processes.map((p) => p.pid).sort()).toEqual([topo.client.pid, topo.api.pid].sort());
    // Edges may also carry traffic fields (bytesSent …) where the kernel counts them.
    expect(snap.edges).toContainEqual(
      expect.objectContaining({
        clientPid: topo.client.pid,
        serverPid: topo.api.pid,
        protocol: 'tcp',
        port: topo.api.port,
        count: 2,
      }),
    );
    // The server is filtered out, so no edge may name it.
    expect(snap.edges.every((e) => e.serverPid !== topo.server.pid && e.clientPid !== topo.server.pid)).toBe(true);
    expect(snap.interfaces.some((i) => i.name === 'lo')).toBe(true);
  });

  it('ranges, negation and OR over a real listener set', async () => {
    const expr = `(lport:${topo.server.tcpPort} OR lport:${topo.server.udpPort}) -proto:udp`;
    const r = await runCli(['snapshot', '--json', '--filter', expr]);
    expect(r.code).toBe(0);
    const snap = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(snap.sockets.length).toBeGreaterThan(0);
    for (const s of snap.sockets) {
      expect(s.protocol).toBe('tcp');
      expect(s.localPort).toBe(topo.server.tcpPort);
    }
    expect(snap.sockets.some((s) => s.state === 'LISTEN' && s.pid === topo.server.pid)).toBe(true);
  });

  it('--csv keeps one row per matching socket', async () => {
    const r = await runCli(['snapshot', '--csv', '--filter', `proto:udp lport:${topo.server.udpPort}`]);
    expect(r.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pid).toBe(String(topo.server.pid));
  });

  it('the table shows only what matches', async () => {
    const r = await runCli(['snapshot', '--filter', `role:both is:listening pid:${topo.api.pid}`]);
    expect(r.code).toBe(0);
    const body = r.stdout.trim().split('\n').slice(2);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatch(new RegExp(`LISTEN.*:${topo.api.port}\\s.*\\(${topo.api.pid}\\)\\s+both$`));
  });

  it('a filter nothing matches prints an empty document, not an error', async () => {
    const r = await runCli(['snapshot', '--json', '--filter', 'proto:tcp proto:udp']);
    expect(r.code).toBe(0);
    const snap = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(snap.sockets).toEqual([]);
    expect(snap.processes).toEqual([]);
  });

  it.each([
    ['prot:tcp', /^sockeye: bad filter at column 1 \(»prot:«tcp\): unknown field `prot:` — did you mean `proto:`\?$/],
    ['state:listn', /column 7 .*unknown state 'listn' — did you mean `state:listen`\?/],
    ['port:80 OR', /column 9 .*`OR` needs a term after it/],
    ['addr:300.1.1.1', /column 6 .*not an IP address or CIDR range/],
  ])('--filter %j is exit 2 with the place on one stderr line', async (expr, message) => {
    const r = await runCli(['snapshot', '--json', '--filter', expr]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('serve --filter with a typo is exit 2 too', async () => {
    const r = await runCli(['serve', '--port', '0', '--filter', 'sate:listen']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/did you mean `state:`\?/);
  });
});
