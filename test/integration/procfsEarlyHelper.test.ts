/**
 * A collector whose helper thread is not running yet (a CLI run) starts it before listing fds when
 * /proc/net/sockstat counts many sockets, and not otherwise; either way the snapshot is the same
 * as one thread's. Each test file gets its own module state, so the shared helper starts fresh here.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcfsCollector } from '../../src/node/collectors/procfs/procfsCollector';

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const tcpLine = (sl: number, local: string, remote: string, st: string, inode: number) =>
  `${String(sl).padStart(4)}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 00000000943168ef 100 0 0 10 0\n`;

/** A made-up /proc: one process (pid 4321) holding a listener and one end of a connection. */
function fakeProc(socketsUsed: number | null): string {
  const root = mkdtempSync(join(tmpdir(), 'sockeye-fakeproc-'));
  mkdirSync(join(root, 'net'));
  writeFileSync(
    join(root, 'net/tcp'),
    TCP_HEADER +
      tcpLine(0, '0100007F:1F90', '00000000:0000', '0A', 501) +
      tcpLine(1, '0100007F:C350', '0100007F:1F90', '01', 502),
  );
  writeFileSync(join(root, 'net/udp'), TCP_HEADER);
  if (socketsUsed !== null)
    writeFileSync(
      join(root, 'net/sockstat'),
      `sockets: used ${socketsUsed}\nTCP: inuse 2 orphan 0 tw 0 alloc 2 mem 0\n`,
    );
  const fd = join(root, '4321/fd');
  mkdirSync(fd, { recursive: true });
  symlinkSync('socket:[501]', join(fd, '3'));
  symlinkSync('socket:[502]', join(fd, '4'));
  symlinkSync('/dev/null', join(fd, '0'));
  writeFileSync(join(root, '4321/comm'), 'fakeserver\n');
  return root;
}

const collectors: ProcfsCollector[] = [];
const helperOf = (c: ProcfsCollector) =>
  (c as unknown as { helper: { running: boolean; close(): Promise<void> } }).helper;
afterAll(async () => {
  await helperOf(collectors[0]!).close();
});

describe('ProcfsCollector: when a CLI run starts its helper thread', () => {
  it('not for a few sockets, nor when sockstat is missing: the same owners from one thread', async () => {
    for (const used of [12, null]) {
      const c = new ProcfsCollector({ procRoot: fakeProc(used) });
      collectors.push(c);
      const got = await c.collect();
      expect(helperOf(c).running).toBe(false);
      expect(got.sockets.map((s) => [s.localPort, s.state, s.pid])).toEqual([
        [8080, 'LISTEN', 4321],
        [50000, 'ESTABLISHED', 4321],
      ]);
    }
  });

  it('before listing fds when sockstat counts many, with the same result as one thread', async () => {
    const root = fakeProc(20_000);
    const c = new ProcfsCollector({ procRoot: root });
    collectors.push(c);
    const withHelper = await c.collect();
    expect(helperOf(c).running).toBe(true);
    const alone = await new ProcfsCollector({ procRoot: root, helperThread: false }).collect();
    expect(withHelper.sockets).toEqual(alone.sockets);
    expect(withHelper.processes).toEqual(alone.processes);
    expect(withHelper.warnings).toEqual(alone.warnings);
    expect(withHelper.sockets.every((s) => s.pid === 4321)).toBe(true);
  });
});
