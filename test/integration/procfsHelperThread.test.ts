import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcfsHelperThread } from '../../src/node/collectors/procfs/procfsHelperThread';
import { resolveLinksHere } from '../../src/node/collectors/procfs/socketOwners';

// The fds of an idle child holding 40 listening sockets: real links that stay put while we read
// them (this test process opens and closes fds of its own as it runs).
const HOLDER = `const net = require('node:net'); let n = 0;
for (let i = 0; i < 40; i++) net.createServer().listen(0, '127.0.0.1', () => { if (++n === 40) console.log('ready'); });`;
let holder: ChildProcess;
beforeAll(async () => {
  holder = spawn(process.execPath, ['-e', HOLDER], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(holder.stdout!, 'data');
});
afterAll(() => {
  holder.kill();
});

function ownFdPaths(): string[] {
  const dir = `/proc/${holder.pid}/fd`;
  return readdirSync(dir).map((fd) => `${dir}/${fd}`);
}

describe('ProcfsHelperThread', () => {
  const helper = new ProcfsHelperThread(readlinkSync);
  afterAll(() => helper.close());

  it('resolves fd links with the helper exactly as one thread does, missing fds included', async () => {
    const own = ownFdPaths();
    // Repeat the list (and add links that do not exist) so it spans many chunks on both threads.
    const paths: string[] = [];
    for (let k = 0; k < 20; k++) paths.push(...own, `/proc/${holder.pid}/fd/999999`);
    const between: number[] = [];
    const shared = await helper.resolveLinks(paths, () => between.push(1));
    const here = resolveLinksHere(paths) as Float64Array;
    expect(Array.from(shared)).toEqual(Array.from(here));
    expect(here.filter((x) => x > 0).length).toBeGreaterThanOrEqual(40 * 20);
    expect(here.filter((x) => x === -1).length).toBe(20);
  });

  it('reads /proc/net tables on the helper and reports a missing one by its error code', async () => {
    const job = helper.readTables(['/proc/net/tcp', '/proc/net/no-such-table']);
    // poll() never takes the job back, so this waits for the helper's own read.
    let reads = job.poll();
    for (let i = 0; !reads && i < 1000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      reads = job.poll();
    }
    expect(reads).not.toBeNull();
    expect(reads![0]!.text).toMatch(/^\s*sl\s+local_address/);
    expect(reads![1]).toMatchObject({ text: null, code: 'ENOENT' });
    expect(await job.wait()).toBe(reads);
  });

  it('hands the table read back to the caller when the helper has not begun it', async () => {
    await helper.close(); // the next job has to wait for a fresh helper to start
    const job = helper.readTables(['/proc/net/tcp']);
    const reads = await job.wait();
    // Either the helper began first (the tables), or the caller took the job back (empty: read them here).
    expect(reads.length === 0 || reads[0]!.text!.includes('local_address')).toBe(true);
  });

  it('starts a fresh helper after being closed', async () => {
    await helper.close();
    const paths = Array.from({ length: 3 }, () => ownFdPaths()).flat();
    expect(Array.from(await helper.resolveLinks(paths))).toEqual(Array.from(resolveLinksHere(paths) as Float64Array));
  });
});
