// Network namespaces for real (issue 16): a namespace this test makes with `ip netns add`, a veth
// pair in 198.18.0.0/15, a server inside it (`ip netns exec`), a client on the host connected to it
// over the veth; the real `sockeye snapshot --json` must show the server's sockets with their
// namespace and pid, the namespace with its `ip netns` name and addresses, and the edge across
// namespaces. Root only (creating a namespace needs CAP_SYS_ADMIN); cleaned up whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../src/common/model/model';
import { runCli } from '../support/runCli';
import { createTestNamespace, firstLine, netnsUsable, type TestNamespace } from '../support/netns';

const unusable = netnsUsable();
if (unusable) console.warn(`netns.test.ts skipped: ${unusable}`);

describe.skipIf(unusable !== null)('network namespaces (real ip netns, veth, as root)', () => {
  let ns: TestNamespace;
  let server: { pid: number; port: number };
  let client: ChildProcess;
  let clientInfo: { pid: number; localPort: number };
  let snapshot: Snapshot;
  let nsInode: number;

  beforeAll(async () => {
    ns = createTestNamespace();
    const started = await ns.run('holdPort.mjs', [ns.nsAddress, '0']);
    server = started.first as { pid: number; port: number };
    nsInode = Number(/net:\[(\d+)\]/.exec(readlinkSync(`/proc/${server.pid}/ns/net`))![1]);
    client = spawn(
      process.execPath,
      [resolve(__dirname, '../fixtures/connectTo.mjs'), ns.nsAddress, String(server.port)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    clientInfo = (await firstLine(client, 'connectTo.mjs')) as { pid: number; localPort: number };
    const r = await runCli(['snapshot', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    snapshot = SnapshotSchema.parse(JSON.parse(r.stdout));
  }, 60_000);

  afterAll(() => {
    client?.kill('SIGKILL');
    ns?.remove();
  });

  it('lists the namespace with its ip-netns name, the inode of /run/netns/NAME, and its veth address', () => {
    expect(statSync(`/run/netns/${ns.name}`).ino).toBe(nsInode);
    const record = snapshot.namespaces?.find((n) => n.inode === nsInode);
    expect(record).toMatchObject({ host: false, name: ns.name, container: null });
    expect(record?.processes).toBeGreaterThanOrEqual(1);
    const addresses = record?.interfaces?.flatMap((i) => i.addresses.map((a) => a.address)) ?? [];
    expect(addresses).toContain(ns.nsAddress);
    expect(addresses).toContain('127.0.0.1');
    const host = snapshot.namespaces?.filter((n) => n.host) ?? [];
    expect(host).toHaveLength(1);
    expect(host[0]!.inode).not.toBe(nsInode);
  });

  it('shows the server’s listener and accepted socket inside the namespace, with pid and netns', () => {
    const listener = snapshot.sockets.find(
      (s) => s.state === 'LISTEN' && s.localPort === server.port && s.localAddress === ns.nsAddress,
    );
    expect(listener).toMatchObject({ pid: server.pid, netns: nsInode, side: 'server' });
    const accepted = snapshot.sockets.find(
      (s) => s.localPort === server.port && s.remotePort === clientInfo.localPort && s.state === 'ESTABLISHED',
    );
    expect(accepted).toMatchObject({ pid: server.pid, netns: nsInode, side: 'server', remoteAddress: ns.hostAddress });
    const proc = snapshot.processes.find((p) => p.pid === server.pid);
    expect(proc?.netns).toBe(nsInode);
  });

  it('keeps the host client in the host namespace and pairs it with the server across namespaces', () => {
    const hostNs = snapshot.namespaces!.find((n) => n.host)!.inode;
    const out = snapshot.sockets.find((s) => s.localPort === clientInfo.localPort && s.remotePort === server.port);
    expect(out).toMatchObject({ pid: clientInfo.pid, netns: hostNs, side: 'client' });
    expect(snapshot.edges).toContainEqual(
      expect.objectContaining({
        clientPid: clientInfo.pid,
        serverPid: server.pid,
        protocol: 'tcp',
        port: server.port,
        count: 1,
      }),
    );
  });

  it('filters by namespace name and by host: `--filter netns:NAME`, `-netns:host`', async () => {
    const byName = await runCli(['snapshot', '--json', '--filter', `netns:${ns.name}`]);
    expect(byName.code).toBe(0);
    const inside = SnapshotSchema.parse(JSON.parse(byName.stdout));
    expect(inside.sockets.length).toBeGreaterThanOrEqual(2);
    expect(inside.sockets.every((s) => s.netns === nsInode)).toBe(true);
    expect(inside.processes.map((p) => p.pid)).toContain(server.pid);
    const notHost = SnapshotSchema.parse(
      JSON.parse((await runCli(['snapshot', '--json', '--filter', '-netns:host'])).stdout),
    );
    expect(notHost.sockets.some((s) => s.pid === server.pid)).toBe(true);
    expect(notHost.sockets.some((s) => s.pid === clientInfo.pid)).toBe(false);
  });

  it('the text table says where a socket outside the host’s namespace lives', async () => {
    const r = await runCli(['snapshot', '--filter', `pid:${server.pid},${clientInfo.pid}`]);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n');
    const listener = rows.find((l) => l.includes('LISTEN') && l.includes(`${ns.nsAddress}:${server.port}`));
    expect(listener).toContain(`(${server.pid}) [netns ${ns.name}]`);
    const out = rows.find((l) => l.includes(`:${clientInfo.localPort}`) && l.includes(`(${clientInfo.pid})`));
    expect(out).toBeDefined();
    expect(out).not.toContain('[netns');
  });
});
