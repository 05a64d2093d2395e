// Reading foreign namespaces through a /proc tree on disk (the recorded /proc/<pid>/net files of
// a real namespace, see netnsInterfaces.test.ts): rows carry their netns, and a namespace whose
// processes all exited since the scan is dropped without a warning.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readForeignNamespaces } from '../../../../src/node/collectors/procfs/netNamespaces';

const root = mkdtempSync(join(tmpdir(), 'sockeye-nsread-'));
mkdirSync(join(root, '4242'));
cpSync(join(__dirname, '../../../fixtures/netns'), join(root, '4242', 'net'), { recursive: true });
// A listener on 198.18.9.2:8080 (0x1F90), as /proc/net/tcp writes it.
writeFileSync(
  join(root, '4242', 'net', 'tcp'),
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
    '   0: 020912C6:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77001 1 0000000000000000 100 0 0 10 0\n',
);
writeFileSync(join(root, '4242', 'cgroup'), '0::/machine.slice/machine-build\\x2dbox.scope/payload\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reading foreign namespaces through /proc/<pid>/net', () => {
  it('reads the rows with their netns, the container from the cgroup, and the interfaces', () => {
    const warnings: string[] = [];
    const scan = { host: 1, byPid: new Map([[4242, 7]]), foreign: new Map([[7, [4242]]]) };
    const read = readForeignNamespaces(scan, root, warnings);
    expect(warnings).toEqual([]);
    expect(read.entries).toEqual([
      expect.objectContaining({ localAddress: '198.18.9.2', localPort: 8080, state: 'LISTEN', inode: 77001, netns: 7 }),
    ]);
    expect(read.namespaces.map((n) => [n.inode, n.host, n.pid, n.container?.name ?? null])).toEqual([
      [1, true, null, null],
      [7, false, 4242, 'build-box'],
    ]);
  });

  it('drops a namespace whose processes are all gone, and says nothing', () => {
    const warnings: string[] = [];
    const scan = { host: 1, byPid: new Map([[999999, 8]]), foreign: new Map([[8, [999999]]]) };
    const read = readForeignNamespaces(scan, root, warnings);
    expect(warnings).toEqual([]);
    expect(read.namespaces.map((n) => n.inode)).toEqual([1]);
  });
});
