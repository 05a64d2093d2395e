/**
 * Unix domain sockets against real programs: socat (Debian) listening on a path and forking a
 * child per connection, and a socat client connected to it. Both collectors list the sockets
 * with their holders and pair the client with the server child through the kernel's peer
 * information; `ss -xap`, taken right after, is the reference.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshotService } from '../../src/node/snapshot/snapshotService';
import { SnapshotSchema, type CollectorName, type Snapshot } from '../../src/common/model/model';
import { filterSnapshot, parseFilter } from '../../src/common/filter';
import { buildMapGraph } from '../../src/common/viewModel/map/mapGraph';
import { parseSsUnix } from '../../src/node/collectors/ss/ssParse';
import { childPids } from '../support/nginx';

const SOCAT = '/usr/bin/socat';
let dir: string;
let path: string;
let server: ChildProcess;
let client: ChildProcess;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!existsSync(SOCAT)) throw new Error(`${SOCAT} is missing: apt-get install -y socat (see .ci/apt-packages)`);
  dir = mkdtempSync(join(tmpdir(), 'sockeye-unix-'));
  path = join(dir, 'echo.sock');
  server = spawn(SOCAT, [`UNIX-LISTEN:${path},fork`, 'PIPE'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(path); i++) await sleep(50);
  client = spawn(SOCAT, ['STDIO', `UNIX-CONNECT:${path}`], { stdio: ['pipe', 'ignore', 'ignore'] });
  for (let i = 0; i < 100 && childPids(server.pid!).length === 0; i++) await sleep(50);
  await sleep(100);
}, 30_000);

afterAll(async () => {
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

describe.each<CollectorName>(['procfs', 'systeminformation'])('collector %s with a socat Unix server', (collector) => {
  let snap: Snapshot;
  let ss: ReturnType<typeof parseSsUnix>;
  beforeAll(async () => {
    const service = createSnapshotService({ collector });
    snap = await service.take();
    ss = parseSsUnix(execFileSync('ss', ['-xapH'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    await service.close();
  }, 30_000);

  it('lists the listener, held by the socat server, as ss does', () => {
    expect(() => SnapshotSchema.parse(snap)).not.toThrow();
    const listener = snap.unixSockets!.find((u) => u.path === path && u.state === 'LISTEN')!;
    expect(listener).toMatchObject({ type: 'stream', side: 'server', pids: [server.pid] });
    expect(ss.find((l) => l.inode === listener.inode)?.pids).toEqual([server.pid]);
  });

  it("pairs the client's socket with the server child's through the kernel's peer inode, as ss -xp says", () => {
    const [child] = childPids(server.pid!);
    // The server child's accepted end carries the listener's path; its peer is the client's socket.
    const accepted = snap.unixSockets!.find((u) => u.path === path && u.state === 'ESTABLISHED')!;
    expect(accepted).toMatchObject({ side: 'server', pids: [child] });
    expect(ss.find((l) => l.inode === accepted.inode)?.pids).toEqual([child]);
    const mine = snap.unixSockets!.find((u) => u.inode === accepted.peerInode)!;
    expect(mine).toMatchObject({ side: 'client', state: 'ESTABLISHED', peerPath: path, pids: [client.pid] });
    const ref = ss.find((l) => l.inode === mine.inode)!;
    expect(ref.pids).toEqual([client.pid]);
    expect(mine.peerInode).toBe(ref.peerInode);
    expect(ss.find((l) => l.inode === accepted.inode)?.peerInode).toBe(mine.inode);
    expect(snap.unixEdges).toContainEqual({ clientPid: client.pid, serverPid: child, type: 'stream', path, count: 1 });
    expect(snap.processes.find((p) => p.pid === client.pid)?.role).toBe('client');
    expect(snap.processes.find((p) => p.pid === server.pid)?.role).toBe('server');
  });

  it('selects them with proto:unix and draws the edge on the map', () => {
    const only = filterSnapshot(snap, parseFilter(`proto:unix "${path}"`));
    expect(only.sockets).toEqual([]);
    // The free text matches the path and socat's command lines (which name it): at least the three ends.
    const named = only.unixSockets!.filter((u) => u.path === path || u.peerPath === path);
    expect(named.map((u) => u.side).sort()).toEqual(['client', 'server', 'server']);
    expect(
      only.unixSockets!.every((u) =>
        u.pids.some((p) => p === client.pid || p === server.pid || childPids(server.pid!).includes(p)),
      ),
    ).toBe(true);
    expect(filterSnapshot(snap, parseFilter('proto:tcp')).unixSockets).toEqual([]);
    const graph = buildMapGraph(snap);
    const edge = graph.edges.find((e) => e.label.includes(path))!;
    expect(edge).toBeDefined();
    expect(edge.source).toContain(String(client.pid));
  });
});
