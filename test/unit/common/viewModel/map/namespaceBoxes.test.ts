import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { Collected } from '../../../../../src/common/model/collected';
import { bundledServices, HOST_NETNS, rawProcess, rawSocket } from '../../../../support/namespaceRows';
import { assembleSnapshot } from '../../../../../src/common/derive/assembleSnapshot';
import { buildMapGraph } from '../../../../../src/common/viewModel/map/mapGraph';
import { boxesFromElk, positionsFromElk, toElkGraph } from '../../../../../src/common/viewModel/map/elkGraph';

const HOST = HOST_NETNS;
const NS = 4026532177;
const CT = 4026532300;
const ID = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3';

const snapshot = assembleSnapshot(
  {
    collector: 'procfs',
    hostname: 'h',
    platform: 'linux',
    privileged: true,
    interfaces: [
      {
        name: 'eth0',
        mac: null,
        up: true,
        internal: false,
        addresses: [
          { address: '198.18.7.1', family: 'IPv4', cidr: '198.18.7.1/30', scope: 'reserved' },
          { address: '172.17.0.1', family: 'IPv4', cidr: '172.17.0.1/16', scope: 'private' },
        ],
      },
    ],
    processes: [
      rawProcess(10, HOST),
      rawProcess(20, NS),
      rawProcess(30, CT, { container: { id: ID, runtime: 'docker', name: 'web' } }),
    ],
    sockets: [
      rawSocket({ localAddress: '198.18.7.2', localPort: 8080, state: 'LISTEN', pid: 20, netns: NS }),
      rawSocket({
        localAddress: '198.18.7.2',
        localPort: 8080,
        remoteAddress: '198.18.7.1',
        remotePort: 40000,
        pid: 20,
        netns: NS,
      }),
      rawSocket({
        localAddress: '198.18.7.1',
        localPort: 40000,
        remoteAddress: '198.18.7.2',
        remotePort: 8080,
        pid: 10,
        netns: HOST,
      }),
      rawSocket({ localAddress: '172.17.0.2', localPort: 80, state: 'LISTEN', pid: 30, netns: CT }),
      rawSocket({
        localAddress: '172.17.0.2',
        localPort: 80,
        remoteAddress: '172.17.0.1',
        remotePort: 40001,
        pid: 30,
        netns: CT,
      }),
      rawSocket({
        localAddress: '172.17.0.1',
        localPort: 40001,
        remoteAddress: '172.17.0.2',
        remotePort: 80,
        pid: 10,
        netns: HOST,
      }),
    ],
    namespaces: [
      { inode: HOST, host: true, name: null, container: null, pid: null, processes: 1, interfaces: null },
      {
        inode: NS,
        host: false,
        name: 'blue',
        container: null,
        pid: 20,
        processes: 1,
        interfaces: [
          { name: 'v0', addresses: [{ address: '198.18.7.2', family: 'IPv4', cidr: null, scope: 'reserved' }] },
        ],
      },
      {
        inode: CT,
        host: false,
        name: null,
        container: { id: ID, runtime: 'docker', name: 'web' },
        pid: 30,
        processes: 1,
        interfaces: [
          { name: 'eth0', addresses: [{ address: '172.17.0.2', family: 'IPv4', cidr: null, scope: 'private' }] },
        ],
      },
    ],
  } satisfies Collected,
  { services: bundledServices },
);

describe('the Map boxes each container and foreign namespace', () => {
  it('puts each namespace’s process node in its own box, the host’s in none', () => {
    const graph = buildMapGraph(snapshot);
    expect(graph.boxes).toEqual([
      { id: `box:${NS}`, label: 'netns blue', nodeIds: ['proc:20'] },
      { id: `box:${CT}`, label: 'web', nodeIds: ['proc:30'] },
    ]);
    expect(graph.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['proc:10->proc:20', 'proc:10->proc:30']);
  });

  it('lays the boxes out with ELK as compound nodes that hold their nodes, in root coordinates', async () => {
    const graph = buildMapGraph(snapshot);
    const laidOut = await new ELK().layout(toElkGraph(graph));
    const positions = positionsFromElk(laidOut);
    const boxes = boxesFromElk(laidOut);
    expect([...positions.keys()].sort()).toEqual(['proc:10', 'proc:20', 'proc:30']);
    for (const b of graph.boxes!) {
      const r = boxes.get(b.id)!;
      for (const id of b.nodeIds) {
        const p = positions.get(id)!;
        expect(p.x).toBeGreaterThanOrEqual(r.x);
        expect(p.y).toBeGreaterThan(r.y); // below the label
        expect(p.x + 230).toBeLessThanOrEqual(r.x + r.width);
      }
      const host = positions.get('proc:10')!;
      expect(host.x + 230 <= r.x || host.x >= r.x + r.width || host.y >= r.y + r.height || host.y + 64 <= r.y).toBe(
        true,
      );
    }
  });

  it('draws no boxes for a snapshot without namespaces', () => {
    expect(buildMapGraph({ ...snapshot, namespaces: undefined }).boxes).toBeUndefined();
  });
});
