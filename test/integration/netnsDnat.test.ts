// Ports published by DNAT, for real (issue 16 §1): two namespaces this test makes — R, a "router"
// whose nftables output hook rewrites tcp dport 8080 to the server's address:port, and S with the
// server — joined by a veth pair in 198.18.0.0/15. A client inside R connects to R's own
// address:8080; the kernel carries it to S. The real `sockeye snapshot --json` must list the
// published port for R from R's conntrack table, and the edge client (R) → server (S) marked
// `via: 'dnat'`. The host's firewall is never touched. Root and nft only; cleaned up always.
import { execFileSync, execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../src/common/model/model';
import { runCli, SOCKEYE_BIN } from '../support/runCli';
import { firstLine, netnsUsable } from '../support/netns';

const NFT = '/usr/sbin/nft';
const unusable = netnsUsable() ?? (existsSync(NFT) ? null : `${NFT} missing (Debian package nftables)`);
if (unusable) console.warn(`netnsDnat.test.ts skipped: ${unusable}`);

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const inodeOf = (pid: number) => Number(/net:\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))![1]);

describe.skipIf(unusable !== null)('ports published by DNAT (real namespaces, nftables, conntrack)', () => {
  const tag = randomBytes(3).toString('hex');
  const r = 1 + (randomBytes(1)[0]! % 250);
  const router = `sockeye-dnat-${tag}-r`;
  const serverNs = `sockeye-dnat-${tag}-s`;
  const routerAddress = `198.19.${r}.1`;
  const serverAddress = `198.19.${r}.2`;
  const children: ChildProcess[] = [];
  let server: { pid: number; port: number };
  let client: { pid: number; localPort: number };
  let snapshot: Snapshot;

  const run = async (ns: string, fixture: string, args: string[]) => {
    const child = spawn(
      'ip',
      ['netns', 'exec', ns, process.execPath, resolve(__dirname, '../fixtures', fixture), ...args],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    children.push(child);
    return firstLine(child, `${fixture} in ${ns}`);
  };

  beforeAll(async () => {
    ip('netns', 'add', router);
    ip('netns', 'add', serverNs);
    ip('-n', router, 'link', 'add', `skr${tag}`, 'type', 'veth', 'peer', 'name', `sks${tag}`, 'netns', serverNs);
    ip('-n', router, 'addr', 'add', `${routerAddress}/30`, 'dev', `skr${tag}`);
    ip('-n', serverNs, 'addr', 'add', `${serverAddress}/30`, 'dev', `sks${tag}`);
    for (const ns of [router, serverNs]) ip('-n', ns, 'link', 'set', 'lo', 'up');
    ip('-n', router, 'link', 'set', `skr${tag}`, 'up');
    ip('-n', serverNs, 'link', 'set', `sks${tag}`, 'up');
    server = (await run(serverNs, 'holdPort.mjs', [serverAddress, '0'])) as typeof server;
    const to = `${serverAddress}:${server.port}`;
    const rules =
      'table ip nat {\n' +
      `  chain prerouting { type nat hook prerouting priority -100; tcp dport 8080 dnat to ${to}; }\n` +
      `  chain output { type nat hook output priority -100; tcp dport 8080 dnat to ${to}; }\n` +
      '}\n';
    execFileSync('ip', ['netns', 'exec', router, NFT, '-f', '-'], { input: rules, stdio: ['pipe', 'ignore', 'pipe'] });
    client = (await run(router, 'connectTo.mjs', [routerAddress, '8080'])) as typeof client;
    const out = await runCli(['snapshot', '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    snapshot = SnapshotSchema.parse(JSON.parse(out.stdout));
  }, 60_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const ns of [router, serverNs]) {
      try {
        ip('netns', 'del', ns); // takes the veth pair with it
      } catch {
        // never made, or already gone
      }
    }
  });

  it('lists 8080 in the router namespace as published to the server, from conntrack', () => {
    expect(snapshot.published).toContainEqual({
      netns: inodeOf(client.pid),
      protocol: 'tcp',
      address: routerAddress,
      port: 8080,
      toAddress: serverAddress,
      toPort: server.port,
      via: 'conntrack',
      connections: 1,
    });
  });

  it('pairs the client in R with the server in S, marked via DNAT', () => {
    const out = snapshot.sockets.find((s) => s.pid === client.pid && s.localPort === client.localPort);
    expect(out).toMatchObject({ remoteAddress: routerAddress, remotePort: 8080, side: 'client' });
    expect(out?.netns).toBe(inodeOf(client.pid));
    expect(inodeOf(server.pid)).not.toBe(inodeOf(client.pid));
    expect(snapshot.edges).toContainEqual(
      expect.objectContaining({
        clientPid: client.pid,
        serverPid: server.pid,
        protocol: 'tcp',
        port: server.port,
        count: 1,
        via: 'dnat',
        publishedAddress: routerAddress,
        publishedPort: 8080,
      }),
    );
  });

  it('the text table says where the published port goes', async () => {
    const text = await runCli(['snapshot', '--filter', `pid:${client.pid}`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${routerAddress}:8080 (published → ${serverAddress}:${server.port})`);
  });

  it('as nobody (conntrack is root-only) shows nothing published by DNAT and says nothing about it', async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((res, rej) =>
      execFile(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SOCKEYE_BIN, 'snapshot', '--json'],
        { cwd: '/', maxBuffer: 64 << 20 },
        (err, out, errText) => (err ? rej(err) : res({ stdout: out, stderr: errText })),
      ),
    );
    expect(stderr).not.toMatch(/conntrack/i);
    const unprivileged = SnapshotSchema.parse(JSON.parse(stdout));
    expect(unprivileged.published?.filter((p) => p.via === 'conntrack') ?? []).toEqual([]);
    expect(unprivileged.edges.filter((e) => e.via === 'dnat')).toEqual([]);
    expect(unprivileged.warnings.filter((w) => /conntrack/i.test(w))).toEqual([]);
  });
});
