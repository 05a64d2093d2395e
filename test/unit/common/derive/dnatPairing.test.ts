// Edges through DNAT from assembled snapshots: paired only from conntrack's entry for that very
// connection, never from the published port alone. Entries from the recorded fixture's shape.
import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket } from '../../../../src/common/model/collected';
import { bundledServices, HOST_NETNS, rawProcess, rawSocket } from '../../../support/namespaceRows';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import type { ConntrackEntry } from '../../../../src/common/nat/conntrack';
import { snapshotToJson } from '../../../../src/common/export/json';
import { maskSnapshot } from '../../../../src/common/export/mask';
import { buildProcessStory } from '../../../../src/common/viewModel/processStory';
import { filterSnapshot } from '../../../../src/common/filter/filterSnapshot';
import { tryParseFilter } from '../../../../src/common/filter';

const HOST = HOST_NETNS;
const R = 4026532001;
const S = 4026532002;

const entry = (sport: number): ConntrackEntry => ({
  protocol: 'tcp',
  state: 'ESTABLISHED',
  src: '198.19.77.1',
  dst: '198.19.77.1',
  sport,
  dport: 8080,
  replySrc: '198.19.77.2',
  replyDst: '198.19.77.1',
  replySport: 8000,
  replyDport: sport,
});
// Client 10 in R connected to R's own 198.19.77.1:8080 (local port 46898); server 20 in S on :8000.
const world = (extra: RawSocket[] = []): RawSocket[] => [
  rawSocket({ localAddress: '198.19.77.2', localPort: 8000, state: 'LISTEN', pid: 20, netns: S }),
  rawSocket({
    localAddress: '198.19.77.2',
    localPort: 8000,
    remoteAddress: '198.19.77.1',
    remotePort: 46898,
    pid: 20,
    netns: S,
  }),
  rawSocket({
    localAddress: '198.19.77.1',
    localPort: 46898,
    remoteAddress: '198.19.77.1',
    remotePort: 8080,
    pid: 10,
    netns: R,
  }),
  ...extra,
];
function snapshotOf(
  sockets: RawSocket[],
  conntrack: Collected['conntrack'],
  procs = [rawProcess(10, R), rawProcess(20, S)],
) {
  const c: Collected = {
    collector: 'procfs',
    hostname: 'h',
    platform: 'linux',
    privileged: true,
    sockets,
    processes: procs,
    interfaces: [],
    namespaces: [
      { inode: HOST, host: true, name: null, container: null, pid: null, processes: 1, interfaces: null },
      { inode: R, host: false, name: 'r', container: null, pid: 10, processes: 1, interfaces: [] },
      { inode: S, host: false, name: 's', container: null, pid: 20, processes: 1, interfaces: [] },
    ],
    ...(conntrack ? { conntrack } : {}),
  };
  return SnapshotSchema.parse(assembleSnapshot(c, { services: bundledServices }));
}

describe('edges through DNAT', () => {
  it('pairs the client with the listener at the DNAT target, marked via dnat, port the server’s', () => {
    const s = snapshotOf(world(), [{ netns: R, entries: [entry(46898)] }]);
    expect(s.edges).toEqual([
      {
        clientPid: 10,
        serverPid: 20,
        protocol: 'tcp',
        port: 8000,
        count: 1,
        via: 'dnat',
        publishedAddress: '198.19.77.1',
        publishedPort: 8080,
      },
    ]);
    expect(s.published).toEqual([
      {
        netns: R,
        protocol: 'tcp',
        address: '198.19.77.1',
        port: 8080,
        toAddress: '198.19.77.2',
        toPort: 8000,
        via: 'conntrack',
        connections: 1,
      },
    ]);
  });

  it('the client’s story uses the server through DNAT, with the published address, and no second remote row', () => {
    const s = snapshotOf(world(), [{ netns: R, entries: [entry(46898)] }]);
    const uses = buildProcessStory(s, 10)!.uses;
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({
      port: 8000,
      connections: 1,
      peer: { kind: 'process', pid: 20 },
      published: { address: '198.19.77.1', port: 8080 },
    });
  });

  it('a filter keeping the client’s socket to the published port and the server keeps the edge', () => {
    const other = rawSocket({ localAddress: '198.19.77.2', localPort: 9000, state: 'LISTEN', pid: 20, netns: S });
    const s = snapshotOf(world([other]), [{ netns: R, entries: [entry(46898)] }]);
    // The client's only socket is to :8080; the server's on :8000 are dropped, its :9000 kept.
    const kept = filterSnapshot(s, tryParseFilter('port:8080 or port:9000').ast!);
    expect(kept.sockets.map((x) => x.pid).sort()).toEqual([10, 20]);
    expect(kept.edges).toHaveLength(1);
  });

  it('makes no edge from the published port alone: no entry for that connection, no edge', () => {
    // Another connection of the same client is in conntrack; this one (46898) is not.
    const s = snapshotOf(world(), [{ netns: R, entries: [entry(40000)] }]);
    expect(s.edges).toEqual([]);
    expect(s.published?.[0]?.port).toBe(8080);
  });

  it('reads an entry only in its own namespace’s table', () => {
    const s = snapshotOf(world(), [{ netns: HOST, entries: [entry(46898)] }]);
    expect(s.edges).toEqual([]);
  });

  it('without conntrack (not root, no module) the snapshot has no published list and no DNAT edge', () => {
    const s = snapshotOf(world(), undefined);
    expect(s.edges).toEqual([]);
    expect(s.published).toBeUndefined();
  });

  it('folds docker-proxy’s arguments into published, counting its accepted connections', () => {
    const args = 'docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8081 -container-ip 172.17.0.2 -container-port 80';
    const s = snapshotOf(
      [
        rawSocket({ localAddress: '0.0.0.0', localPort: 8081, state: 'LISTEN', pid: 30, netns: HOST }),
        rawSocket({
          localAddress: '127.0.0.1',
          localPort: 8081,
          remoteAddress: '127.0.0.1',
          remotePort: 50000,
          pid: 30,
          netns: HOST,
        }),
      ],
      undefined,
      [rawProcess(30, HOST, { name: 'docker-proxy', cmdline: args })],
    );
    expect(s.published).toEqual([
      {
        netns: HOST,
        protocol: 'tcp',
        address: '0.0.0.0',
        port: 8081,
        toAddress: '172.17.0.2',
        toPort: 80,
        via: 'docker-proxy',
        connections: 1,
      },
    ]);
  });

  it('keeps published in the JSON document and masks its public addresses', () => {
    const s = snapshotOf(world(), [{ netns: R, entries: [{ ...entry(46898), replySrc: '93.184.216.34' }] }]);
    expect(JSON.parse(snapshotToJson(s)).published).toEqual(s.published);
    const masked = maskSnapshot(s);
    expect(masked.published?.[0]?.toAddress).not.toBe('93.184.216.34');
    expect(JSON.stringify(masked)).not.toContain('93.184.216.34');
  });
});
