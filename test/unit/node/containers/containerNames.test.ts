// Container names through a runtime's API socket: a real HTTP server on a Unix socket answering
// GET /containers/json as Docker's API does (the body recorded from Docker 27's answer, trimmed
// to the fields read), one that never answers, and one that is not there.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContainerNames, nameContainers } from '../../../../src/node/containers/containerNames';
import type { RawProcess } from '../../../../src/common/model/collected';

const ID = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3';
const BODY = JSON.stringify([
  {
    Id: ID,
    Names: ['/web'],
    Image: 'nginx:1.27',
    State: 'running',
    Ports: [{ PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
  },
  { Id: 'a'.repeat(64), Names: ['/db'], Image: 'postgres:16', State: 'running' },
]);

const dir = mkdtempSync(join(tmpdir(), 'sockeye-runtime-'));
const good = join(dir, 'docker.sock');
const silent = join(dir, 'silent.sock');
const servers: Server[] = [];
let asked = 0;

beforeAll(async () => {
  const answering = createServer((req, res) => {
    asked++;
    if (req.url !== '/containers/json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(BODY);
  });
  const mute = createServer(() => {}); // takes the request, never answers
  for (const [s, path] of [
    [answering, good],
    [mute, silent],
  ] as const) {
    servers.push(s);
    await new Promise<void>((r) => s.listen(path, r));
  }
});
afterAll(() => {
  for (const s of servers) s.closeAllConnections?.();
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const proc = (pid: number, id: string): RawProcess => ({
  pid,
  ppid: 1,
  name: 'nginx',
  path: null,
  cmdline: null,
  cwd: null,
  user: 'root',
  startedAt: null,
  container: { id, runtime: 'docker', name: null },
});

describe('container names from the runtime API socket', () => {
  it('lists names by id over the socket', async () => {
    const names = await listContainerNames(good);
    expect(names?.get(ID)).toBe('web');
    expect(names?.get('a'.repeat(64))).toBe('db');
  });

  it('names the containers of processes and namespaces, leaving unknown ids nameless', async () => {
    const procs = [proc(1, ID), proc(2, 'b'.repeat(64))];
    const ns = [
      {
        inode: 1,
        host: false,
        name: null,
        container: { id: ID, runtime: 'docker' as const, name: null },
        pid: 1,
        processes: 1,
        interfaces: null,
      },
    ];
    await nameContainers(procs, ns, [{ runtime: 'docker', path: good }]);
    expect(procs.map((p) => p.container?.name)).toEqual(['web', null]);
    expect(ns[0]!.container.name).toBe('web');
  });

  it('gives up quietly on a runtime that does not answer, or a socket that is not there', async () => {
    // Bounded by its own timeout (200 ms here), so this resolves long before the test's limit.
    expect(await listContainerNames(silent, 200)).toBeNull();
    expect(await listContainerNames(join(dir, 'absent.sock'))).toBeNull();
    const procs = [proc(1, ID)];
    await nameContainers(procs, [], [{ runtime: 'docker', path: join(dir, 'absent.sock') }]);
    expect(procs[0]!.container?.name).toBeNull();
  });

  it('asks nothing when no process runs in a container', async () => {
    const before = asked;
    await nameContainers([{ ...proc(1, ID), container: null }], [], [{ runtime: 'docker', path: good }]);
    expect(asked).toBe(before);
  });
});
