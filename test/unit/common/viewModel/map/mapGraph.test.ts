import { describe, expect, it } from 'vitest';
import {
  buildMapGraph,
  edgeLabel,
  MAP_LIMITS,
  MORE_NODE_ID,
  type MapGraph,
} from '../../../../../src/common/viewModel/map/mapGraph';
import { bucketRemoteHosts, subnetOf } from '../../../../../src/common/viewModel/map/remoteHosts';
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  NODE_SIZE,
  positionsFromElk,
  routesFromElk,
  toElkGraph,
} from '../../../../../src/common/viewModel/map/elkGraph';
import { busySnapshot, World } from '../../../../support/syntheticSnapshot';

const CLIENT = 101;
const API = 102;
const DB = 103;
const SSHD = 104;
const IDLE = 105;

/** client → api (twice) → db, client → db, api → a public host, a remote admin → sshd. */
function topology() {
  return new World()
    .process(CLIENT, 'node', 'node /srv/web/client.mjs')
    .process(API, 'node', 'node /srv/my-api/index.js', { cwd: '/srv/my-api' })
    .process(DB, 'postgres', 'postgres -D /var/lib/pg')
    .process(SSHD, 'sshd', 'sshd -D')
    .process(IDLE, 'cat', 'cat')
    .listen(API, '::', 8080)
    .listen(DB, '127.0.0.1', 5432)
    .listen(SSHD, '0.0.0.0', 22)
    .connect(CLIENT, API, 8080)
    .connect(CLIENT, API, 8080)
    .connect(API, DB, 5432)
    .connect(CLIENT, DB, 5432)
    .connectOut(API, '93.184.216.34', 443)
    .connectIn(SSHD, '198.51.100.7', 22);
}

const node = (g: MapGraph, id: string) => g.nodes.find((n) => n.id === id);
const edge = (g: MapGraph, from: string, to: string) => g.edges.find((e) => e.source === from && e.target === to);

describe('buildMapGraph: roles, labels, edges', () => {
  const snap = topology().snapshot([
    { address: '93.184.216.34', names: ['example.com'], source: 'dns-ptr', confirmed: true },
  ]);
  const g = buildMapGraph(snap);

  it('draws each process that takes part once, marked with its role; idle ones are left out', () => {
    expect(node(g, `proc:${CLIENT}`)).toMatchObject({ kind: 'process', role: 'client', label: 'node · client' });
    expect(node(g, `proc:${API}`)).toMatchObject({
      kind: 'process',
      role: 'both',
      label: 'node · my-api',
      listening: ['8080/tcp'],
    });
    expect(node(g, `proc:${DB}`)).toMatchObject({ kind: 'process', role: 'server', label: 'postgres' });
    expect(node(g, `proc:${IDLE}`)).toBeUndefined();
    expect(node(g, `proc:${API}`)!.ariaLabel).toBe(`node · my-api (pid ${API}), both, exposed (all interfaces)`);
  });

  it('points client → server, merging parallel connections with port, service and count', () => {
    const e = edge(g, `proc:${CLIENT}`, `proc:${API}`)!;
    expect(e.ports).toEqual([{ protocol: 'tcp', port: 8080, service: 'http-alt', count: 2 }]);
    expect(e.count).toBe(2);
    expect(e.label).toBe('8080/tcp http-alt ×2');
    expect(e.ariaLabel).toBe('node · client → node · my-api: 8080/tcp http-alt, 2 connections');
    expect(edge(g, `proc:${API}`, `proc:${DB}`)).toMatchObject({
      count: 1,
      label: '5432/tcp postgresql ×1',
      remote: false,
    });
    expect(edge(g, `proc:${CLIENT}`, `proc:${DB}`)).toBeDefined();
    // Nothing points the wrong way.
    expect(edge(g, `proc:${API}`, `proc:${CLIENT}`)).toBeUndefined();
    expect(edge(g, `proc:${DB}`, `proc:${API}`)).toBeUndefined();
  });

  it('marks listeners reachable beyond this machine as exposed, loopback-only ones not', () => {
    expect(node(g, `proc:${API}`)!.exposure).toBe('all interfaces');
    expect(node(g, `proc:${SSHD}`)!.exposure).toBe('all interfaces');
    expect(node(g, `proc:${DB}`)!.exposure).toBeNull();
    expect(node(g, `proc:${CLIENT}`)!.exposure).toBeNull();
  });

  it('draws remote hosts as outer nodes, named when the name is known, with their scope', () => {
    expect(node(g, 'remote:93.184.216.34')).toMatchObject({
      kind: 'remote',
      label: 'example.com',
      address: '93.184.216.34',
      scope: 'public',
    });
    expect(node(g, 'remote:93.184.216.34')!.ariaLabel).toBe('remote host example.com (93.184.216.34), public');
    expect(edge(g, `proc:${API}`, 'remote:93.184.216.34')).toMatchObject({ remote: true, label: '443/tcp https ×1' });
    // An inbound connection: the remote host is the client.
    expect(node(g, 'remote:198.51.100.7')).toMatchObject({ label: '198.51.100.7', scope: 'reserved' });
    expect(edge(g, 'remote:198.51.100.7', `proc:${SSHD}`)).toMatchObject({ label: '22/tcp ssh ×1' });
    // A local address of this host is never a remote host.
    expect(g.nodes.some((n) => n.address === '10.0.0.2' || n.address === '127.0.0.1')).toBe(false);
  });

  it('prefers a name from the given lookup (the renderer cache) over the snapshot', () => {
    const g2 = buildMapGraph(snap, { names: (a) => (a === '198.51.100.7' ? 'admin.example.net' : null) });
    expect(node(g2, 'remote:198.51.100.7')!.label).toBe('admin.example.net');
    expect(node(g2, 'remote:93.184.216.34')!.label).toBe('93.184.216.34');
  });

  it('lists two ports between the same pair on one edge, busiest first', () => {
    const w = new World().process(1, 'curl').process(2, 'nginx').listen(2, '127.0.0.1', 80).listen(2, '127.0.0.1', 443);
    w.connect(1, 2, 443).connect(1, 2, 443).connect(1, 2, 80);
    const g2 = buildMapGraph(w.snapshot());
    expect(g2.edges).toHaveLength(1);
    expect(g2.edges[0]!.ports.map((p) => p.port)).toEqual([443, 80]);
    expect(g2.edges[0]!.count).toBe(3);
    expect(g2.edges[0]!.label).toBe('443/tcp https, 80/tcp http ×3');
  });

  it('shortens the label after two ports', () => {
    const ports = [1, 2, 3, 4].map((port) => ({ protocol: 'tcp' as const, port, service: null, count: 1 }));
    expect(edgeLabel(ports, 4)).toBe('1/tcp, 2/tcp +2 ×4');
  });
});

describe('buildMapGraph: aggregation', () => {
  it('collapses processes sharing a label and role into an expandable group above the limit', () => {
    const w = new World().process(1, 'nginx').listen(1, '127.0.0.1', 80);
    for (let i = 0; i < 50; i++) w.process(100 + i, 'chrome').connect(100 + i, 1, 80);
    w.process(200, 'chrome').listen(200, '127.0.0.1', 9222); // a chrome that serves: another role, not in the group
    const snap = w.snapshot();
    const g = buildMapGraph(snap, { collapseAbove: 10 });
    const group = node(g, 'group:client:chrome')!;
    expect(group).toMatchObject({ kind: 'group', role: 'client', members: 50 });
    expect(group.ariaLabel).toBe('chrome ×50 processes (group), client');
    expect(edge(g, 'group:client:chrome', 'proc:1')!.count).toBe(50);
    expect(node(g, 'proc:200')).toMatchObject({ role: 'server' });
    expect(g.stats.collapsedGroups).toBe(1);

    const open = buildMapGraph(snap, { collapseAbove: 10, expanded: new Set(['group:client:chrome']) });
    expect(node(open, 'group:client:chrome')).toBeUndefined();
    expect(open.nodes.filter((n) => n.kind === 'process' && n.label === 'chrome')).toHaveLength(51);
    // Below the limit nothing is grouped.
    expect(buildMapGraph(snap, { collapseAbove: 100 }).nodes.some((n) => n.kind === 'group')).toBe(false);
  });

  it('counts connections inside a group on the group instead of drawing a loop', () => {
    const w = new World();
    for (let i = 0; i < 4; i++) w.process(10 + i, 'worker').listen(10 + i, '127.0.0.1', 7000 + i);
    w.connect(10, 11, 7001).connect(11, 12, 7002).connect(12, 13, 7003).connect(13, 10, 7000);
    const g = buildMapGraph(w.snapshot(), { collapseAbove: 1 });
    expect(g.edges).toHaveLength(0);
    expect(g.nodes).toHaveLength(1);
    expect(node(g, 'group:both:worker')).toMatchObject({ members: 4, internalConnections: 4 });
  });

  it('groups remote hosts by subnet beyond the limit, and by scope when subnets are still too many', () => {
    const w = new World().process(1, 'crawler');
    for (let i = 0; i < 30; i++) w.connectOut(1, `93.184.216.${i + 1}`, 443);
    for (let i = 0; i < 5; i++) w.connectOut(1, `151.101.1.${i + 1}`, 443);
    w.connectOut(1, '10.5.5.9', 80);
    const g = buildMapGraph(w.snapshot(), { maxRemoteHosts: 5 });
    expect(node(g, 'subnet:93.184.216.0/24')).toMatchObject({
      kind: 'remote-group',
      members: 30,
      address: '93.184.216.0/24',
      scope: 'public',
    });
    expect(node(g, 'subnet:93.184.216.0/24')!.ariaLabel).toBe('remote hosts in 93.184.216.0/24 ×30, public');
    expect(node(g, 'subnet:151.101.1.0/24')!.members).toBe(5);
    expect(node(g, 'remote:10.5.5.9')).toMatchObject({ kind: 'remote', members: 1, scope: 'private' });
    expect(edge(g, 'proc:1', 'subnet:93.184.216.0/24')!.count).toBe(30);
    expect(g.stats).toMatchObject({ remoteHosts: 36, remoteNodes: 3 });

    const byScope = buildMapGraph(w.snapshot(), { maxRemoteHosts: 2 });
    expect(
      byScope.nodes
        .filter((n) => n.kind === 'remote-group' || n.kind === 'remote')
        .map((n) => n.id)
        .sort(),
    ).toEqual(['scope:private', 'scope:public']);
  });

  it('folds the quietest processes into an explicit "+N more" node that keeps their edges', () => {
    const w = new World().process(1, 'db').listen(1, '127.0.0.1', 5432);
    for (let i = 0; i < 30; i++) {
      w.process(100 + i, `app${i}`);
      for (let k = 0; k <= i; k++) w.connect(100 + i, 1, 5432); // app29 is busiest, app0 quietest
    }
    const g = buildMapGraph(w.snapshot(), { maxNodes: 11 });
    expect(g.nodes).toHaveLength(11);
    const more = node(g, MORE_NODE_ID)!;
    expect(more).toMatchObject({ kind: 'more', label: '+21 more', members: 21 });
    expect(more.pids).toContain(100); // the quietest
    expect(node(g, 'proc:129')).toBeDefined(); // the busiest stays
    expect(edge(g, MORE_NODE_ID, 'proc:1')!.count).toBe((21 * 22) / 2);
  });

  it('stays within its limits at 300 processes and 2,000 edges and loses no process or connection', () => {
    const snap = busySnapshot(300, 2000, 150);
    expect(snap.edges).toHaveLength(2000);
    const g = buildMapGraph(snap);
    expect(g.nodes.length).toBeLessThanOrEqual(MAP_LIMITS.maxNodes);
    expect(g.nodes.filter((n) => n.kind === 'remote' || n.kind === 'remote-group').length).toBeLessThanOrEqual(
      MAP_LIMITS.maxRemoteHosts,
    );
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.source).not.toBe(e.target);
    }
    // Every process is drawn exactly once (alone, in a group, or in "+N more").
    const drawn = g.nodes.flatMap((n) => n.pids);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn.length).toBe(g.stats.processes);
    // Every connection is counted once: on an edge, or inside a node.
    const counted = g.edges.reduce((n, e) => n + e.count, 0) + g.nodes.reduce((n, x) => n + x.internalConnections, 0);
    expect(counted).toBe(g.stats.localConnections + 150);
    expect(g.edges.length).toBeLessThanOrEqual(MAP_LIMITS.maxEdges);
  });
});

describe('remote hosts and ELK input', () => {
  it('names subnets: /24 for IPv4 (mapped too), /48 for IPv6', () => {
    expect(subnetOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(subnetOf('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(subnetOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(subnetOf('not an address')).toBeNull();
  });

  it('keeps every host as its own bucket under the limit, busiest first', () => {
    const b = bucketRemoteHosts(
      [
        { address: '192.0.2.1', scope: 'reserved', name: null, connections: 1 },
        { address: '192.0.2.2', scope: 'reserved', name: 'b.example', connections: 5 },
      ],
      5,
    );
    expect(b.map((x) => [x.id, x.title])).toEqual([
      ['remote:192.0.2.2', 'b.example'],
      ['remote:192.0.2.1', '192.0.2.1'],
    ]);
  });

  it('gives ELK every node with its size and every edge, and reads positions back', () => {
    const g = buildMapGraph(topology().snapshot());
    const elk = toElkGraph(g);
    expect(elk.children).toHaveLength(g.nodes.length);
    expect(elk.edges).toHaveLength(g.edges.length);
    expect(elk.children!.every((c) => (c.width ?? 0) > 0 && (c.height ?? 0) > 0)).toBe(true);
    const pos = positionsFromElk({ id: 'root', children: [{ id: 'a', x: 3, y: 4 }] });
    expect(pos.get('a')).toEqual({ x: 3, y: 4 });
  });

  it("reads each edge route from a real ELK layout: out of the client's right side, into the server's left", async () => {
    const g = buildMapGraph(topology().snapshot());
    const laidOut = await new ELK().layout(toElkGraph(g));
    const pos = positionsFromElk(laidOut);
    const routes = routesFromElk(laidOut);
    expect(routes.size).toBe(g.edges.length);
    for (const e of g.edges) {
      const route = routes.get(e.id)!;
      expect(route.length).toBeGreaterThanOrEqual(2);
      const from = pos.get(e.source)!;
      const to = pos.get(e.target)!;
      const fromKind = g.nodes.find((n) => n.id === e.source)!.kind;
      expect(route[0]!.x).toBeCloseTo(from.x + NODE_SIZE[fromKind].width, 0);
      expect(route.at(-1)!.x).toBeCloseTo(to.x, 0);
    }
  });

  it("joins an edge's sections into one route without repeating the point where they meet", () => {
    const routes = routesFromElk({
      id: 'root',
      edges: [
        {
          id: 'a->b',
          sources: ['a'],
          targets: ['b'],
          sections: [
            { id: 's1', startPoint: { x: 0, y: 0 }, bendPoints: [{ x: 5, y: 0 }], endPoint: { x: 5, y: 5 } },
            { id: 's2', startPoint: { x: 5, y: 5 }, endPoint: { x: 9, y: 5 } },
          ],
        },
        { id: 'c->d', sources: ['c'], targets: ['d'] },
      ],
    });
    expect(routes.get('a->b')).toEqual([
      { x: 0, y: 0 },
      { x: 5, y: 0 },
      { x: 5, y: 5 },
      { x: 9, y: 5 },
    ]);
    // No sections (ELK did not route it): nothing to draw rather than a line from the origin.
    expect(routes.has('c->d')).toBe(false);
  });
});
