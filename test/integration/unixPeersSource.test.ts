/**
 * Unix peers through the addon's UNIX_DIAG dump (ADR 0025) against `ss -xa`, on a real socat
 * server and client: the dump names the same peers as ss for every socket that outlives both
 * reads, and the procfs collector pairs the two ends the same way with the addon and without it
 * (the `ss -xa` fallback).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNetlinkAddon, resetNetlinkAddon } from '../../src/node/netlink/netlinkAddon';
import { dumpUnixPeers } from '../../src/node/netlink/unixDiag';
import { parseSsUnix } from '../../src/node/collectors/ss/ssParse';
import { ProcfsCollector } from '../../src/node/collectors/procfs/procfsCollector';
import { childPids } from '../support/nginx';

const SOCAT = '/usr/bin/socat';
let dir: string;
let path: string;
let server: ChildProcess;
let client: ChildProcess;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!existsSync(SOCAT)) throw new Error(`${SOCAT} is missing: apt-get install -y socat (see .ci/apt-packages)`);
  dir = mkdtempSync(join(tmpdir(), 'sockeye-unixpeers-'));
  path = join(dir, 'echo.sock');
  server = spawn(SOCAT, [`UNIX-LISTEN:${path},fork`, 'PIPE'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(path); i++) await sleep(50);
  client = spawn(SOCAT, ['STDIO', `UNIX-CONNECT:${path}`], { stdio: ['pipe', 'ignore', 'ignore'] });
  for (let i = 0; i < 100 && childPids(server.pid!).length === 0; i++) await sleep(50);
  await sleep(100);
}, 30_000);

afterAll(() => {
  client?.kill('SIGKILL');
  for (const pid of server?.pid ? childPids(server.pid) : []) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // the child left when its client did
    }
  }
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.SOCKEYE_NETLINK_ADDON;
  resetNetlinkAddon();
});

function ssPeers(): Map<number, number> {
  const peers = new Map<number, number>();
  for (const l of parseSsUnix(execFileSync('ss', ['-xaH'], { encoding: 'utf8', maxBuffer: 1 << 26 })))
    if (l.peerInode !== null) peers.set(l.inode, l.peerInode);
  return peers;
}

/** The socat client's socket and the server child's accepted end, as one collector pairs them. */
async function socatPair(collector: ProcfsCollector) {
  const got = await collector.collect();
  const [child] = childPids(server.pid!);
  const accepted = got.unixSockets!.find((u) => u.path === path && u.pid === child)!;
  const mine = got.unixSockets!.find((u) => u.pid === client.pid && u.inode === accepted?.peerInode);
  return { accepted, mine, warnings: got.warnings ?? [] };
}

describe('Unix peers from UNIX_DIAG', () => {
  it('names the same peers as ss -xa for every socket both see (ss adds its own stdio pairs)', () => {
    const addon = loadNetlinkAddon();
    if (!addon.ok) throw new Error(`the netlink addon is needed here: ${addon.reason}`);
    const before = dumpUnixPeers(addon.addon);
    const ss = ssPeers();
    const after = dumpUnixPeers(addon.addon);
    let compared = 0;
    for (const [inode, peer] of before) {
      if (after.get(inode) !== peer) continue; // changed between the reads (another test's sockets)
      expect(ss.get(inode)).toBe(peer);
      compared++;
    }
    // The socat connection is one of them, both ways.
    const [child] = childPids(server.pid!);
    expect(child).toBeDefined();
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it('pairs the socat ends the same through the addon and through the ss fallback', async () => {
    const viaAddon = await socatPair(new ProcfsCollector({ helperThread: false, namespaces: false }));
    expect(viaAddon.mine).toMatchObject({ state: 'ESTABLISHED', pid: client.pid });
    expect(viaAddon.warnings.filter((w) => /Unix|UNIX_DIAG/.test(w))).toEqual([]);

    process.env.SOCKEYE_NETLINK_ADDON = 'off';
    resetNetlinkAddon();
    const viaSs = await socatPair(new ProcfsCollector({ helperThread: false, namespaces: false }));
    expect(viaSs.accepted.inode).toBe(viaAddon.accepted.inode);
    expect(viaSs.mine?.inode).toBe(viaAddon.mine!.inode);
    expect(viaSs.accepted.peerInode).toBe(viaAddon.accepted.peerInode);
    expect(viaSs.warnings.filter((w) => /Unix/.test(w))).toEqual([]);
  });
});
