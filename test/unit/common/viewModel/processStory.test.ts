import { describe, expect, it } from 'vitest';
import { buildProcessStory } from '../../../../src/common/viewModel/processStory';
import { World } from '../../../support/syntheticSnapshot';

const SHELL = 100;
const CLIENT = 101;
const API = 102;
const DB = 103;

/** client → api (twice), a hidden local client → api, a remote client → api, api → db, api → a public host. */
function world() {
  return new World()
    .process(SHELL, 'bash', 'bash')
    .process(CLIENT, 'node', 'node /srv/web/client.mjs')
    .process(API, 'node', 'node /srv/my-api/index.js', { ppid: SHELL, cwd: '/srv/my-api' })
    .process(DB, 'postgres', 'postgres -D /var/lib/pg')
    .listen(SHELL, '127.0.0.1', 9999) // so the shell is in the snapshot (it owns a socket)
    .listen(API, '::', 8080)
    .listen(API, '0.0.0.0', 8080)
    .listen(DB, '127.0.0.1', 5432)
    .connect(CLIENT, API, 8080)
    .connect(CLIENT, API, 8080)
    .connect(null, API, 8080)
    .connectIn(API, '198.51.100.7', 8080)
    .connect(API, DB, 5432)
    .connect(API, null, 6379)
    .connectOut(API, '93.184.216.34', 443)
    .connectOut(API, '93.184.216.34', 443);
}

describe('buildProcessStory', () => {
  const snap = world().snapshot([
    { address: '93.184.216.34', names: ['example.com'], source: 'dns-ptr', confirmed: true },
  ]);
  const story = buildProcessStory(snap, API)!;

  it('tells who the process is, with its parent by label', () => {
    expect(story.process).toMatchObject({
      pid: API,
      label: 'node · my-api',
      path: '/usr/bin/node',
      user: 'ann',
      cmdline: 'node /srv/my-api/index.js',
    });
    expect(story.parent).toEqual({ pid: SHELL, label: 'bash' });
  });

  it('serves: one entry per port, with its bind addresses, reach and every client', () => {
    expect(story.serves).toHaveLength(1);
    const port = story.serves[0]!;
    expect(port).toMatchObject({ protocol: 'tcp', port: 8080, service: 'http-alt', exposure: 'all interfaces' });
    expect(port.binds.map((b) => b.address).sort()).toEqual(['0.0.0.0', '::']);
    expect(port.clients).toEqual([
      { peer: { kind: 'process', pid: CLIENT, label: 'node · client', role: 'client' }, connections: 2 },
      { peer: { kind: 'hidden' }, connections: 1 },
      { peer: { kind: 'remote', address: '198.51.100.7', name: null, scope: 'reserved' }, connections: 1 },
    ]);
  });

  it('uses: local servers by process, hidden local ones, and remote hosts with names', () => {
    expect(story.uses).toEqual([
      {
        protocol: 'tcp',
        port: 5432,
        service: 'postgresql',
        peer: { kind: 'process', pid: DB, label: 'postgres', role: 'server' },
        connections: 1,
      },
      { protocol: 'tcp', port: 6379, service: 'redis', peer: { kind: 'hidden' }, connections: 1 },
      {
        protocol: 'tcp',
        port: 443,
        service: 'https',
        peer: { kind: 'remote', address: '93.184.216.34', name: 'example.com', scope: 'public' },
        connections: 2,
      },
    ]);
  });

  it('a client serves nothing and a server uses nothing; an unknown pid has no story', () => {
    expect(buildProcessStory(snap, CLIENT)!.serves).toEqual([]);
    expect(buildProcessStory(snap, CLIENT)!.uses.map((u) => u.peer)).toEqual([
      { kind: 'process', pid: API, label: 'node · my-api', role: 'both' },
    ]);
    const db = buildProcessStory(snap, DB)!;
    expect(db.uses).toEqual([]);
    expect(db.serves[0]!.clients.map((c) => c.peer)).toEqual([
      { kind: 'process', pid: API, label: 'node · my-api', role: 'both' },
    ]);
    expect(db.serves[0]!.exposure).toBeNull();
    expect(buildProcessStory(snap, 999_999)).toBeNull();
  });

  it('a parent the snapshot does not list keeps its pid, without a label', () => {
    expect(buildProcessStory(snap, DB)!.parent).toEqual({ pid: 1, label: null });
  });
});
