import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('sockeye snapshot', () => {
  it('--json prints a schema-valid snapshot with the topology in it', async () => {
    const r = await runCli(['snapshot', '--json']);
    expect(r.code).toBe(0);
    const snap = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(snap.processes.find((p) => p.pid === topo.api.pid)?.role).toBe('both');
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
  });

  it('--csv prints one row per socket with process columns', async () => {
    const r = await runCli(['snapshot', '--csv']);
    expect(r.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true }).data;
    const api = rows.filter((row) => row.pid === String(topo.api.pid));
    expect(
      api.some(
        (row) => row.state === 'LISTEN' && row.localPort === String(topo.api.port) && row.processRole === 'both',
      ),
    ).toBe(true);
  });

  it('prints a table with side and role columns by default', async () => {
    const r = await runCli(['snapshot']);
    expect(r.code).toBe(0);
    const [summary, header] = r.stdout.split('\n');
    expect(summary).toMatch(/collector procfs/);
    expect(header).toMatch(/^Proto\s+State\s+Local Address:Port\s+Peer Address:Port\s+Side\s+Process\s+Role$/);
    const listen = r.stdout.split('\n').find((l) => l.includes(`:${topo.api.port} `) && l.includes('LISTEN'));
    expect(listen).toMatch(new RegExp(`server\\s+node.*\\(${topo.api.pid}\\)\\s+both$`));
  });

  it('writes -o FILE atomically and replaces an existing file whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockeye-out-'));
    const file = join(dir, 'snap.json');
    writeFileSync(file, 'old');
    const r = await runCli(['snapshot', '--json', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(SnapshotSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))).success).toBe(true);
  });

  it.each([
    [['snapshot', '--bogus'], 2, /^sockeye: unknown option '--bogus' \(see 'sockeye snapshot --help'\)$/m],
    [['snapshot', '--json', '--csv'], 2, /choose one of/],
    [['snapshot', '--collector', 'magic'], 2, /unknown collector 'magic'/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['snapshot', '--json', '-o', '/nonexistent-dir/x.json'], 1, /could not write \/nonexistent-dir\/x\.json.*intact/],
  ])('%j fails with one line on stderr and exit %i', async (args, code, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
