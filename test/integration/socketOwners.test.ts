import { readdirSync, statSync } from 'node:fs';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocketOwnerCache } from '../../src/node/collectors/procfs/socketOwners';
import { parseProcNet } from '../../src/node/collectors/procfs/procNetParse';
import { readProcText } from '../../src/node/collectors/procfs/readProcFile';

let child: ChildProcessWithoutNullStreams;
let lines: Interface;
const next = () => new Promise<Record<string, number>>((r) => lines.once('line', (l) => r(JSON.parse(l))));

function listenerInode(port: number): number | undefined {
  const { entries } = parseProcNet(readProcText('/proc/net/tcp'), 'tcp', 'IPv4');
  return entries.find((e) => e.state === 'LISTEN' && e.localPort === port && e.localAddress === '127.0.0.1')?.inode;
}

beforeAll(async () => {
  child = spawn(process.execPath, [resolve(__dirname, '../fixtures/listenOnCommand.mjs')]);
  lines = createInterface({ input: child.stdout });
  await next();
});
afterAll(() => {
  child.kill();
});

describe('SocketOwnerCache against real processes', () => {
  const cache = new SocketOwnerCache();

  it('maps a listener to the child that holds it', async () => {
    child.stdin.write('listen\n');
    const { port } = await next();
    const inode = listenerInode(port!)!;
    expect(inode).toBeGreaterThan(0);
    const scan = cache.scan([inode]);
    expect(scan.owners.get(inode)).toBe(child.pid);
    expect(scan.pids).toContain(child.pid);
  });

  it('finds a socket opened after the first scan (the fd list changed)', async () => {
    child.stdin.write('listen\n');
    const { port } = await next();
    const inode = listenerInode(port!)!;
    expect(cache.scan([inode]).owners.get(inode)).toBe(child.pid);
  });

  it('drops a closed socket and keeps the others', async () => {
    const firstPorts: number[] = [];
    child.stdin.write('listen\n');
    firstPorts.push((await next()).port!);
    const keep = listenerInode(firstPorts[0]!)!;
    child.stdin.write('close 0\n');
    await next();
    const scan = cache.scan([keep]);
    expect(scan.owners.get(keep)).toBe(child.pid);
  });

  it('finds a socket that replaced a closed one between two scans (same count of open fds)', async () => {
    child.stdin.write('listen\n');
    const { port: oldPort, index } = await next();
    const before = cache.scan([listenerInode(oldPort!)!]);
    expect(before.owners.get(listenerInode(oldPort!)!)).toBe(child.pid);
    const openFds = () => statSync(`/proc/${child.pid}/fd`).size;
    const count = openFds();
    child.stdin.write(`close ${index}\n`);
    await next();
    child.stdin.write('listen\n');
    const { port } = await next();
    // The premise: the count the cache compares did not move (Linux ≥ 6.2 reports it; 0 elsewhere).
    if (count > 0) expect(openFds()).toBe(count);
    const inode = listenerInode(port!)!;
    expect(cache.scan([inode]).owners.get(inode)).toBe(child.pid);
  });

  it('reports the sockets of a process that exited as unowned', async () => {
    const other = spawn(process.execPath, [resolve(__dirname, '../fixtures/listenOnCommand.mjs')]);
    const otherLines = createInterface({ input: other.stdout });
    const nextOther = () =>
      new Promise<Record<string, number>>((r) => otherLines.once('line', (l) => r(JSON.parse(l))));
    await nextOther();
    other.stdin.write('listen\n');
    const { port } = await nextOther();
    const inode = listenerInode(port!)!;
    expect(cache.scan([inode]).owners.get(inode)).toBe(other.pid);
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
    expect(cache.scan([inode]).owners.has(inode)).toBe(false);
  });

  it('counts processes whose fd table it may not read instead of failing', () => {
    // PID 1's fds are unreadable on these machines even to root.
    let pid1Readable = true;
    try {
      readdirSync('/proc/1/fd');
    } catch {
      pid1Readable = false;
    }
    const scan = cache.scan([]);
    expect(scan.pids).toContain(1);
    expect(scan.pids).toContain(process.pid);
    if (!pid1Readable) expect(scan.unreadablePids).toBeGreaterThanOrEqual(1);
    else expect(scan.unreadablePids).toBeLessThan(scan.pids.length);
  });
});
