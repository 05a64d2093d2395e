/**
 * Bad fleet sources (issue 16 §4), each against a real server on loopback that misbehaves in
 * one way: a wrong token, a web server that is not Sockeye, a body cut short, a body without
 * end, a host that never answers, a port nobody listens on. Each is one clear per-host error
 * from the real `sockeye fleet`, in bounded time; the good hosts still merge; the token never
 * shows in what it prints.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';
import { FleetWorld } from '../support/fleetWorld';
import type { Fleet } from '../../src/common/fleet/fleetModel';

const TOKEN = 'fleet-secret-7f3a9c';
const world = new FleetWorld()
  .host('web', '198.18.40.1')
  .host('api', '198.18.40.2')
  .process('web', 11, 'nginx')
  .process('api', 21, 'node · api')
  .listen('api', 21, 8080)
  .connect('web', 11, 'api', 8080, { serverPid: 21 });

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Like sockeye serve's /v1/snapshot: the snapshot for the right Bearer token, 401 otherwise. */
const snapshotServer =
  (name: string): Handler =>
  (req, res) => {
    if (req.url !== '/v1/snapshot') return res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end('{"error":"unauthorized"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(world.snapshot(name)));
  };

let urls: Record<'web' | 'api' | 'html' | 'otherJson' | 'truncated' | 'huge' | 'slow', string>;
let closedPort: string;

beforeAll(async () => {
  const body = JSON.stringify(world.snapshot('api'));
  urls = {
    web: await serve(snapshotServer('web')),
    api: await serve(snapshotServer('api')),
    html: await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>router</title>'),
    ),
    otherJson: await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"schema":"grafana.dashboard/1"}'),
    ),
    truncated: await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.slice(0, 300));
      setTimeout(() => res.socket?.destroy(), 50);
    }),
    huge: await serve((_req, res) => {
      // No Content-Length, no end: the cap must stop the reading, not the server.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('{"schema":"sockeye.snapshot/1","pad":"');
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    }),
    slow: await serve(() => {
      /* accepts and never answers */
    }),
  };
  const dead = http.createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  closedPort = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
  await new Promise<void>((r) => dead.close(() => r()));
});

afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

const src = (url: string, token = TOKEN) => `${url}/?token=${token}`;

describe('sockeye fleet: bad sources', () => {
  it('reports each bad host with its own error, in bounded time, and merges the good ones', async () => {
    const started = Date.now();
    const r = await runCli(
      [
        'fleet',
        '--json',
        '--timeout',
        '2s',
        '--max-mb',
        '1',
        src(urls.web),
        src(urls.api),
        src(urls.web, 'wrong-token'),
        src(urls.html),
        src(urls.otherJson),
        src(urls.truncated),
        src(urls.huge),
        src(urls.slow),
        src(closedPort),
      ],
      { timeoutMs: 30_000 },
    );
    const elapsed = Date.now() - started;
    expect(r.code).toBe(0);
    const fleet = JSON.parse(r.stdout) as Fleet;
    const errors = fleet.hosts.map((h) => [h.ok, h.error]);
    expect(errors).toEqual([
      [true, null],
      [true, null],
      [false, expect.stringMatching(/^the token was refused \(HTTP 401\)/)],
      [false, 'not a Sockeye server: it answered with an HTML page, not a snapshot'],
      [false, expect.stringMatching(/^not a Sockeye server: its schema is "grafana.dashboard\/1"/)],
      [false, expect.stringMatching(/^the answer is truncated at byte 300/)],
      [false, 'the answer is too large (more than 1.0 MB: reading stopped there)'],
      [false, 'no complete answer within 2 s'],
      [false, 'connection refused (is sockeye serve running there, on that port?)'],
    ]);
    // The slow host waited its 2 s alongside the others, not after them.
    expect(elapsed).toBeLessThan(15_000);
    expect(fleet.edges).toEqual([
      expect.objectContaining({ clientHost: 'id-web', clientPid: 11, serverHost: 'id-api', serverPid: 21, port: 8080 }),
    ]);
    expect(fleet.hosts[2]!.source).toBe(`${urls.web}/?token=***`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain('wrong-token');
    // Each failure also on stderr, one line each.
    expect(r.stderr.trim().split('\n')).toHaveLength(7);
  });

  it('reads a list file of sources, and exits 1 when no host answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockeye-fleet-'));
    const list = join(dir, 'fleet.txt');
    writeFileSync(join(dir, 'api.json'), JSON.stringify(world.snapshot('api')));
    // osqueryi --json output of process_open_sockets on a third host: a worker using api's 8080.
    const osquery = [
      {
        pid: '77',
        family: '2',
        protocol: '6',
        local_address: '198.18.40.9',
        local_port: '45000',
        remote_address: '198.18.40.2',
        remote_port: '8080',
        state: 'ESTABLISHED',
      },
    ];
    writeFileSync(join(dir, 'worker-osquery.json'), JSON.stringify(osquery));
    writeFileSync(list, `# the fleet\n${src(urls.web)}\napi.json   # saved yesterday\nworker-osquery.json\n\n`);
    const r = await runCli(['fleet', list]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/# 3 hosts, 3 answered/);
    expect(r.stdout).toMatch(
      /worker-osquery\.json: pid 77 \(77\)\s+→\s+api: node · api \(21\)\s+tcp\/8080\s+1\s+unconfirmed/,
    );
    expect(r.stdout).toMatch(/web: nginx \(11\)\s+→\s+api: node · api \(21\)\s+tcp\/8080\s+1\s+confirmed/);
    expect(r.stdout).not.toContain(TOKEN);
    const none = await runCli(['fleet', src(closedPort), join(dir, 'missing.json')]);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/# 2 hosts, 0 answered/);
    expect(none.stderr).toMatch(/missing\.json: no such file/);
  });
});
