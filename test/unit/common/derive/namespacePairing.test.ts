import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket, RawProcess } from '../../../../src/common/model/collected';
import { bundledServices, HOST_NETNS, rawProcess, rawSocket } from '../../../support/namespaceRows';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';

const HOST = HOST_NETNS;
const NS = 4026532999;
const NS2 = 4026533000;

function snapshotOf(sockets: RawSocket[], procs: RawProcess[]) {
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
      { inode: NS, host: false, name: 'sockeye-test', container: null, pid: 20, processes: 1, interfaces: [] },
    ],
  };
  return SnapshotSchema.parse(assembleSnapshot(c, { services: bundledServices }));
}

describe('pairing across network namespaces', () => {
  it('pairs a host client with the accepted socket in another namespace over a veth address', () => {
    const s = snapshotOf(
      [
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
      ],
      [rawProcess(10, HOST), rawProcess(20, NS)],
    );
    expect(s.edges).toEqual([{ clientPid: 10, serverPid: 20, protocol: 'tcp', port: 8080, count: 1 }]);
    expect(s.sockets.find((x) => x.pid === 10)?.side).toBe('client');
    expect(s.namespaces?.map((n) => n.name)).toEqual([null, 'sockeye-test']);
    expect(s.processes.find((p) => p.pid === 20)?.netns).toBe(NS);
  });

  it('never pairs loopback across namespaces: each namespace has its own 127.0.0.1', () => {
    // Two unrelated connections whose 4-tuples look alike, one in each namespace.
    const s = snapshotOf(
      [
        rawSocket({ localAddress: '127.0.0.1', localPort: 5432, state: 'LISTEN', pid: 20, netns: NS }),
        rawSocket({
          localAddress: '127.0.0.1',
          localPort: 5432,
          remoteAddress: '127.0.0.1',
          remotePort: 41000,
          pid: 20,
          netns: NS,
        }),
        rawSocket({
          localAddress: '127.0.0.1',
          localPort: 41000,
          remoteAddress: '127.0.0.1',
          remotePort: 5432,
          pid: 10,
          netns: HOST,
        }),
      ],
      [rawProcess(10, HOST), rawProcess(20, NS)],
    );
    expect(s.edges).toEqual([]);
    // The host has no listener on 5432: its socket is a client, not an accepted one.
    expect(s.sockets.find((x) => x.pid === 10)?.side).toBe('client');
  });

  it('prefers the pair in the client’s own namespace, and a namespace’s listener makes no host socket a server', () => {
    const s = snapshotOf(
      [
        rawSocket({ localAddress: '0.0.0.0', localPort: 80, state: 'LISTEN', pid: 20, netns: NS }),
        rawSocket({
          localAddress: '10.0.0.5',
          localPort: 80,
          remoteAddress: '10.0.0.9',
          remotePort: 50000,
          pid: 20,
          netns: NS,
        }),
        rawSocket({ localAddress: '0.0.0.0', localPort: 80, state: 'LISTEN', pid: 30, netns: NS2 }),
        rawSocket({
          localAddress: '10.0.0.5',
          localPort: 80,
          remoteAddress: '10.0.0.9',
          remotePort: 50000,
          pid: 30,
          netns: NS2,
        }),
        rawSocket({
          localAddress: '10.0.0.9',
          localPort: 50000,
          remoteAddress: '10.0.0.5',
          remotePort: 80,
          pid: 31,
          netns: NS2,
        }),
        rawSocket({
          localAddress: '192.168.1.4',
          localPort: 80,
          remoteAddress: '192.168.1.50',
          remotePort: 80,
          pid: 10,
          netns: HOST,
        }),
      ],
      [rawProcess(10, HOST), rawProcess(20, NS), rawProcess(30, NS2), rawProcess(31, NS2)],
    );
    expect(s.edges).toEqual([{ clientPid: 31, serverPid: 30, protocol: 'tcp', port: 80, count: 1 }]);
    expect(s.sockets.find((x) => x.pid === 10)?.side).not.toBe('server');
  });

  it('pairs a UDP client with a server bound to a namespace address, not through a wildcard or loopback', () => {
    const s = snapshotOf(
      [
        rawSocket({
          protocol: 'udp',
          localAddress: '198.18.7.2',
          localPort: 5353,
          state: 'UNCONN',
          pid: 20,
          netns: NS,
        }),
        rawSocket({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 53, state: 'UNCONN', pid: 20, netns: NS }),
        rawSocket({
          protocol: 'udp',
          localAddress: '198.18.7.1',
          localPort: 40001,
          remoteAddress: '198.18.7.2',
          remotePort: 5353,
          state: 'CONNECTED',
          pid: 10,
          netns: HOST,
        }),
        rawSocket({
          protocol: 'udp',
          localAddress: '127.0.0.1',
          localPort: 40002,
          remoteAddress: '127.0.0.1',
          remotePort: 53,
          state: 'CONNECTED',
          pid: 10,
          netns: HOST,
        }),
      ],
      [rawProcess(10, HOST), rawProcess(20, NS)],
    );
    expect(s.edges).toEqual([{ clientPid: 10, serverPid: 20, protocol: 'udp', port: 5353, count: 1 }]);
  });
});
