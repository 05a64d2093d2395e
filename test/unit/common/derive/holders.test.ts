import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket } from '../../../../src/common/model/collected';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import { socketHolders } from '../../../../src/common/derive/holders';
import { parseEtcServices } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';
import { filterSnapshot, parseFilter } from '../../../../src/common/filter';
import { snapshotToCsv } from '../../../../src/common/export/csv';
import { parseSnapshotText } from '../../../../src/common/snapshot/openSnapshot';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

const services = parseEtcServices(BUNDLED_SERVICES);
const tcp = (p: Partial<RawSocket>): RawSocket => ({
  protocol: 'tcp',
  family: 'IPv4',
  localAddress: '127.0.0.1',
  localPort: 8088,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  pid: null,
  uid: 0,
  ...p,
});
const proc = (pid: number, cmdline: string) => ({
  pid,
  ppid: pid === 100 ? 1 : 100,
  name: 'nginx',
  path: '/usr/sbin/nginx',
  cmdline,
  cwd: '/',
  user: 'root',
  startedAt: null,
});

// A master (100) and two workers (101, 102) share a listener; worker 102 accepted one client (200).
const collected: Collected = {
  collector: 'procfs',
  hostname: 'h',
  platform: 'linux',
  privileged: true,
  sockets: [
    tcp({ pid: 100, pids: [100, 101, 102] }),
    tcp({ pid: 102, state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 50000 }),
    tcp({ pid: 200, state: 'ESTABLISHED', localPort: 50000, remoteAddress: '127.0.0.1', remotePort: 8088 }),
  ],
  processes: [
    proc(100, 'nginx: master process /usr/sbin/nginx'),
    proc(101, 'nginx: worker process'),
    proc(102, 'nginx: worker process'),
    { ...proc(200, 'curl http://127.0.0.1:8088/'), name: 'curl', ppid: 1 },
  ],
  interfaces: [],
};

describe('a socket with several holders', () => {
  const snap = assembleSnapshot(collected, { services });

  it('keeps every holder in pids, the first as pid, and lists each holder as a server', () => {
    expect(() => SnapshotSchema.parse(snap)).not.toThrow();
    const listener = snap.sockets.find((s) => s.state === 'LISTEN')!;
    expect(listener.pids).toEqual([100, 101, 102]);
    expect(listener.pid).toBe(100);
    expect(snap.processes.map((p) => [p.pid, p.role, p.label])).toEqual([
      [100, 'server', 'nginx · master'],
      [101, 'server', 'nginx · worker'],
      [102, 'server', 'nginx · worker'],
      [200, 'client', 'curl'],
    ]);
    expect(snap.edges).toEqual([{ clientPid: 200, serverPid: 102, protocol: 'tcp', port: 8088, count: 1 }]);
  });

  it('lets pid: and proc: match any holder', () => {
    expect(filterSnapshot(snap, parseFilter('pid:101')).sockets.map((s) => s.state)).toEqual(['LISTEN']);
    expect(filterSnapshot(snap, parseFilter('proc:worker state:listen')).sockets).toHaveLength(1);
    expect(filterSnapshot(snap, parseFilter('-pid:101 state:listen')).sockets).toHaveLength(0);
    expect(filterSnapshot(snap, parseFilter('pid:101')).processes.map((p) => p.pid)).toEqual([100, 101, 102]);
  });

  it('exports every holder in the CSV pids column', () => {
    const csv = snapshotToCsv(snap).split('\r\n');
    const col = csv[0]!.split(',').indexOf('pids');
    expect(csv.find((l) => l.includes('LISTEN'))!.split(',')[col]).toBe('100 101 102');
  });

  it('reads old files without pids: the one pid is the one holder', () => {
    const old = sampleSnapshot();
    for (const s of old.sockets) delete (s as { pids?: number[] }).pids;
    const opened = parseSnapshotText(JSON.stringify(old));
    expect(opened.ok).toBe(true);
    const s = old.sockets.find((x) => x.pid !== null)!;
    expect(socketHolders(s)).toEqual([s.pid]);
    expect(socketHolders({ pid: null })).toEqual([]);
  });
});
