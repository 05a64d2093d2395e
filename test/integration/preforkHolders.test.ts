/**
 * A real prefork server (Debian's nginx: a master and two workers sharing one listener) with
 * two clients connected: every holder of every nginx socket, compared with `ss -tuanp`'s users
 * list taken right after, for both collectors; then roles, edges, the filter, labels and the
 * story on that server.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshotService } from '../../src/node/snapshot/snapshotService';
import { SnapshotSchema, type CollectorName, type Snapshot } from '../../src/common/model/model';
import { socketHolders } from '../../src/common/derive/holders';
import { filterSnapshot, parseFilter } from '../../src/common/filter';
import { buildProcessStory } from '../../src/common/viewModel/processStory';
import { buildMapGraph } from '../../src/common/viewModel/map/mapGraph';
import { runSs } from '../support/ss';
import { startNginx, type Nginx } from '../support/nginx';

let nginx: Nginx;
const clients: net.Socket[] = [];

beforeAll(async () => {
  nginx = await startNginx(2);
  for (let i = 0; i < 2; i++) {
    const c = net.connect(nginx.port, '127.0.0.1');
    await new Promise<void>((res, rej) => (c.once('connect', () => res()), c.once('error', rej)));
    // An unfinished request keeps the connection open and makes a worker accept it.
    c.write('GET / HTTP/1.1\r\nHost: x\r\n');
    clients.push(c);
  }
  // Give the workers a moment to accept.
  await new Promise((r) => setTimeout(r, 200));
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await nginx?.stop();
});

const endpoint = (a: string | null, p: number | null) => `${(a ?? '*').replace(/^::ffff:/, '')}:${p ?? '*'}`;

describe.each<CollectorName>(['procfs', 'systeminformation'])('collector %s on a prefork nginx', (collector) => {
  let snap: Snapshot;
  let ss: ReturnType<typeof runSs>;
  let family: Set<number>;

  beforeAll(async () => {
    const service = createSnapshotService({ collector });
    snap = await service.take();
    ss = runSs();
    await service.close();
    family = new Set([nginx.masterPid, ...nginx.workerPids]);
  }, 30_000);

  it('is a valid snapshot whose listener lists the master and both workers, as ss does', () => {
    expect(() => SnapshotSchema.parse(snap)).not.toThrow();
    const listener = snap.sockets.find((s) => s.state === 'LISTEN' && s.localPort === nginx.port);
    expect(listener).toBeDefined();
    expect(listener!.pids).toEqual([nginx.masterPid, ...nginx.workerPids].sort((a, b) => a - b));
    expect(listener!.pid).toBe(listener!.pids![0]);
    const theirs = ss.find((s) => s.state === 'LISTEN' && s.localPort === nginx.port)!;
    expect([...theirs.pids].sort((a, b) => a - b)).toEqual(listener!.pids);
  });

  it('agrees with ss on the holders of every nginx socket', () => {
    const ours = snap.sockets
      .filter((s) => socketHolders(s).some((p) => family.has(p)))
      .map(
        (s) =>
          `${s.protocol} ${endpoint(s.localAddress, s.localPort)} ${endpoint(s.remoteAddress, s.remotePort)} ${socketHolders(s).join(',')}`,
      )
      .sort();
    const theirs = ss
      .filter((s) => s.pids.some((p) => family.has(p)))
      .filter((s) => collector === 'procfs' || !(s.protocol === 'udp' && s.state === 'UNCONN'))
      .map(
        (s) =>
          `${s.protocol} ${endpoint(s.localAddress, s.localPort)} ${endpoint(s.remoteAddress, s.remotePort)} ${[...new Set(s.pids)].sort((a, b) => a - b).join(',')}`,
      )
      .sort();
    expect(ours).toEqual(theirs);
    // The listener plus the two accepted connections.
    expect(ours.length).toBeGreaterThanOrEqual(3);
  });

  it('makes every holder a server and labels master and workers by their titles', () => {
    for (const pid of family) expect(snap.processes.find((p) => p.pid === pid)?.role).toMatch(/^(server|both)$/);
    const label = (pid: number) => snap.processes.find((p) => p.pid === pid)?.label;
    // systeminformation reports these processes' command lines as the bare name (README, platform notes).
    const [master, worker] = collector === 'procfs' ? ['nginx · master', 'nginx · worker'] : ['nginx', 'nginx'];
    expect(label(nginx.masterPid)).toBe(master);
    for (const pid of nginx.workerPids) expect(label(pid)).toBe(worker);
  });

  it('pairs the two test clients with the worker that accepted each', () => {
    const edges = snap.edges.filter((e) => e.clientPid === process.pid && e.port === nginx.port);
    expect(edges.reduce((n, e) => n + e.count, 0)).toBe(2);
    for (const e of edges) expect(nginx.workerPids).toContain(e.serverPid);
  });

  it('lets pid: match any holder, and the master story name the clients its workers serve', () => {
    const worker = nginx.workerPids[1]!;
    const kept = filterSnapshot(snap, parseFilter(`pid:${worker} state:listen`));
    expect(kept.sockets.map((s) => s.localPort)).toContain(nginx.port);
    const story = buildProcessStory(snap, nginx.masterPid)!;
    const port = story.serves.find((p) => p.port === nginx.port)!;
    expect(port.clients.reduce((n, c) => n + c.connections, 0)).toBe(2);
    expect(port.clients.every((c) => c.via && nginx.workerPids.includes(c.via.pid))).toBe(true);
  });

  it('groups master and workers into one service, drawn as one node that expands into its processes', () => {
    for (const pid of family) expect(snap.processes.find((p) => p.pid === pid)?.servicePid).toBe(nginx.masterPid);
    const graph = buildMapGraph(snap);
    const node = graph.nodes.find((n) => n.id === `service:${nginx.masterPid}`)!;
    expect(node.label).toBe('nginx');
    expect(node.pids).toEqual([...family].sort((a, b) => a - b));
    const open = buildMapGraph(snap, { expanded: new Set([node.id]) });
    for (const pid of family) expect(open.nodes.some((n) => n.id === `proc:${pid}`)).toBe(true);
    const story = buildProcessStory(snap, nginx.workerPids[0]!)!;
    expect(story.family.map((m) => m.pid)).toEqual([nginx.masterPid, ...nginx.workerPids]);
    if (collector === 'procfs')
      expect(story.ancestors[0]).toEqual({ pid: nginx.masterPid, name: 'nginx', label: 'nginx · master' });
  });
});
