/**
 * A fleet of three "hosts" (issue 16 §4): three network namespaces made by the test, each
 * running the real `sockeye serve --host <its address> --token-file …`, joined by a bridge in a
 * fourth ("hub") namespace — whose empty firewall forwards between them, whatever the machine's
 * own — and reached from this host over a veth of its own. A client in A holds a connection to
 * a server in B: `sockeye fleet`, run here, shows the cross-host edge with both pids, confirmed
 * by B. Host C, frozen, is reported as slow; stopped, as refused; A and B still merge.
 * Addresses in 198.19.X.0/24 (the benchmarking range 198.18.0.0/15), removed afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SOCKEYE_BIN } from '../support/runCli';
import type { Fleet } from '../../src/common/fleet/fleetModel';

const rand = randomBytes(3).toString('hex').slice(0, 4);
const NS = { a: `sockeye-fleet-${rand}-a`, b: `sockeye-fleet-${rand}-b`, c: `sockeye-fleet-${rand}-c` };
const HUB = `sockeye-fleet-${rand}-hub`;
const HOST_VETH = `sf${rand}h`;
const FIXTURES = resolve(__dirname, '../fixtures');

function whyNot(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'making network namespaces needs root (ip netns add)';
  if (spawnSync('ip', ['-V']).status !== 0) return 'ip (iproute2) is not installed';
  return null;
}
const skipReason = whyNot();
if (skipReason) console.warn(`fleetNamespaces: skipped: ${skipReason}`);

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

/** A /24 in 198.19.0.0/16 that no interface here uses yet (other tests make namespaces too). */
function freeSubnet(): string {
  const used = spawnSync('ip', ['-o', 'addr'], { encoding: 'utf8' }).stdout;
  for (let i = 0; i < 50; i++) {
    const net = `198.19.${10 + Math.floor(Math.random() * 240)}`;
    if (!used.includes(`${net}.`)) return net;
  }
  throw new Error('no free 198.19.X.0/24');
}

const net = skipReason ? '198.19.0' : freeSubnet();
const addr = { a: `${net}.1`, b: `${net}.2`, c: `${net}.3`, host: `${net}.254` };

function makeNetwork(): void {
  ip('netns', 'add', HUB);
  ip('-n', HUB, 'link', 'set', 'lo', 'up');
  ip('-n', HUB, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', HUB, 'link', 'set', 'br0', 'up');
  for (const k of ['a', 'b', 'c'] as const) {
    const veth = `sf${rand}${k}`;
    ip('netns', 'add', NS[k]);
    ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS[k]);
    ip('link', 'set', veth, 'netns', HUB);
    ip('-n', HUB, 'link', 'set', veth, 'master', 'br0', 'up');
    ip('-n', NS[k], 'addr', 'add', `${addr[k]}/24`, 'dev', 'eth0');
    ip('-n', NS[k], 'link', 'set', 'eth0', 'up');
    ip('-n', NS[k], 'link', 'set', 'lo', 'up');
  }
  ip('link', 'add', HOST_VETH, 'type', 'veth', 'peer', 'name', 'up0', 'netns', HUB);
  ip('-n', HUB, 'link', 'set', 'up0', 'master', 'br0', 'up');
  ip('addr', 'add', `${addr.host}/24`, 'dev', HOST_VETH);
  ip('link', 'set', HOST_VETH, 'up');
}

function removeNetwork(): void {
  // Deleting a namespace deletes the veth ends in it, and so their peers.
  for (const ns of [NS.a, NS.b, NS.c, HUB]) spawnSync('ip', ['netns', 'del', ns]);
  spawnSync('ip', ['link', 'del', HOST_VETH]);
}

interface NsChild {
  child: ChildProcess;
  first: string;
}

/** `cmd` inside namespace `ns` (ip netns exec execs it: the pid is the program's), with its first stdout line. */
function startIn(ns: string, args: string[]): Promise<NsChild> {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no output from ${args.join(' ')} in ${ns}: ${err}`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (first) => {
      clearTimeout(timer);
      res({ child, first });
    });
    child.once('exit', (code) => rej(new Error(`${args.join(' ')} in ${ns} exited ${code}: ${err}`)));
  });
}

const children: ChildProcess[] = [];
let dir: string;
const sources: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
let serveC: ChildProcess;
let client: { pid: number; localPort: number };
let server: { pid: number; port: number };

describe.skipIf(skipReason !== null)('sockeye fleet across three network namespaces', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sockeye-fleet-ns-'));
    makeNetwork();
    for (const k of ['a', 'b', 'c'] as const) {
      const tokenFile = join(dir, `token-${k}`);
      const s = await startIn(NS[k], [
        SOCKEYE_BIN,
        'serve',
        '--host',
        addr[k],
        '--port',
        '0',
        '--token-file',
        tokenFile,
      ]);
      const origin = new URL(s.first).origin;
      sources[k] = `${origin}/?token=${readFileSync(tokenFile, 'utf8').trim()}`;
      if (k === 'c') serveC = s.child;
    }
    const srv = await startIn(NS.b, [join(FIXTURES, 'holdPort.mjs'), addr.b, '0']);
    server = JSON.parse(srv.first);
    const cli = await startIn(NS.a, [join(FIXTURES, 'holdConnection.mjs'), addr.b, String(server.port)]);
    client = JSON.parse(cli.first);
  }, 90_000);

  afterAll(async () => {
    for (const c of children) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      c.kill('SIGCONT');
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
    removeNetwork();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const fleet = async (...extra: string[]) => {
    const r = await runCli(['fleet', '--json', ...extra, sources.a, sources.b, sources.c], { timeoutMs: 60_000 });
    expect(r.stdout + r.stderr).not.toMatch(/token=(?!\*\*\*)/);
    return { r, fleet: JSON.parse(r.stdout) as Fleet };
  };

  it('shows the client in A using the server in B, with both pids, confirmed by B', async () => {
    const { r, fleet: f } = await fleet();
    expect(r.code).toBe(0);
    expect(f.hosts.map((h) => [h.ok, h.error])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
    const [a, b] = f.hosts;
    // One machine: one machine id; the fleet tells the namespaces apart by their addresses.
    expect(new Set(f.hosts.map((h) => h.id)).size).toBe(3);
    const edge = f.edges.find((e) => e.clientPid === client.pid);
    expect(edge).toMatchObject({
      clientHost: a!.id,
      serverHost: b!.id,
      serverPid: server.pid,
      protocol: 'tcp',
      port: server.port,
      count: 1,
      confirmed: 1,
      unmatched: false,
    });
    expect(b!.serves).toContainEqual(
      expect.objectContaining({ pid: server.pid, port: server.port, loopbackOnly: false }),
    );
    // The text table says the same, with the namespaces' serves too.
    const text = await runCli(['fleet', sources.a, sources.b, sources.c]);
    expect(text.stdout).toMatch(
      new RegExp(
        `\\(${client.pid}\\)\\s+→\\s+\\S+: node[^\\n]*\\(${server.pid}\\)\\s+tcp/${server.port}\\s+1\\s+confirmed`,
      ),
    );
  });

  it('reports host C frozen (slow) and then stopped (refused), and still merges A and B', async () => {
    serveC.kill('SIGSTOP');
    const started = Date.now();
    const slow = await fleet('--timeout', '3s');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(slow.fleet.hosts[2]).toMatchObject({ ok: false, error: 'no complete answer within 3 s' });
    expect(slow.fleet.edges.some((e) => e.clientPid === client.pid && e.serverPid === server.pid)).toBe(true);
    serveC.kill('SIGCONT');
    serveC.kill('SIGINT');
    await new Promise((r) => (serveC.exitCode !== null ? r(null) : serveC.once('exit', r)));
    const gone = await fleet();
    expect(gone.r.code).toBe(0);
    expect(gone.fleet.hosts.map((h) => h.ok)).toEqual([true, true, false]);
    expect(gone.fleet.hosts[2]!.error).toMatch(/^connection refused/);
    expect(gone.fleet.hosts[2]!.source).toBe(`${new URL(sources.c).origin}/?token=***`);
    expect(gone.fleet.edges.find((e) => e.clientPid === client.pid)).toMatchObject({
      serverPid: server.pid,
      confirmed: 1,
    });
  });
});
