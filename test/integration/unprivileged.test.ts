/**
 * An unprivileged run, as a new user makes it: the CLI runs as `nobody` (setpriv) while the
 * test's root-owned processes serve and talk. Their sockets' owners are hidden from it, but the
 * kernel's uid still names the user: shown in hidden rows, matched by `user:root`, and the Map
 * draws a connection to a hidden server as a hidden node instead of dropping it.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../src/common/model/model';
import { buildMapGraph, HIDDEN_NODE_ID } from '../../src/common/viewModel/map/mapGraph';
import { SOCKEYE_BIN } from '../support/runCli';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
let server: net.Server;
let port: number;
let nobodyClient: ReturnType<typeof spawn>;

/** Runs the CLI as nobody:nogroup. */
function runAsNobody(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SOCKEYE_BIN, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  topo = await startTopology();
  // A root server with a client that nobody owns: nobody sees its own client, not the server.
  server = net.createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as net.AddressInfo).port;
  nobodyClient = spawn(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '-e',
      `require('net').connect(${port}, '127.0.0.1', () => console.log('up')); setInterval(() => {}, 1e6);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((r) => nobodyClient.stdout!.once('data', r));
}, 30_000);

afterAll(async () => {
  nobodyClient?.kill('SIGKILL');
  server?.close();
  await topo?.stop();
});

describe('an unprivileged run', () => {
  let snap: Snapshot;
  beforeAll(async () => {
    const r = await runAsNobody(['snapshot', '--json']);
    expect(r.code).toBe(0);
    snap = SnapshotSchema.parse(JSON.parse(r.stdout));
  }, 30_000);

  it("names a hidden owner's user from the socket's uid", () => {
    expect(snap.host.privileged).toBe(false);
    const listener = snap.sockets.find((s) => s.state === 'LISTEN' && s.localPort === topo.server.tcpPort)!;
    expect(listener).toMatchObject({ pid: null, uid: 0, user: 'root' });
  });

  it('lets user:root match the hidden sockets', async () => {
    const r = await runAsNobody(['snapshot', '--json', '--filter', `user:root lport:${topo.server.tcpPort}`]);
    expect(r.code).toBe(0);
    const kept = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(kept.sockets.length).toBeGreaterThanOrEqual(1);
    expect(kept.sockets.every((s) => s.pid === null && s.user === 'root')).toBe(true);
  });

  it('shows the user in the table and counts hidden owners with the right plural', async () => {
    const r = await runAsNobody(['snapshot', '--filter', `lport:${topo.server.tcpPort} state:listen`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/LISTEN .* hidden \(user root\)/);
    const [, n, word] = /· (\d+) (owners?) hidden$/.exec(r.stdout.split('\n')[0]!)!;
    expect(word).toBe(Number(n) === 1 ? 'owner' : 'owners');
  });

  it("draws nobody's connection to the hidden root server as an edge to a hidden node", () => {
    const graph = buildMapGraph(snap);
    const hidden = graph.nodes.find((n) => n.id === HIDDEN_NODE_ID);
    expect(hidden).toBeDefined();
    const edge = graph.edges.find((e) => e.target === HIDDEN_NODE_ID && e.ports.some((p) => p.port === port));
    expect(edge).toBeDefined();
    // setpriv execs node in place, so the client's pid is the one spawned.
    expect(edge!.source).toBe(`proc:${nobodyClient.pid}`);
  });
});
