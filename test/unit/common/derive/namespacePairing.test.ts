import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket } from '../../../../src/common/model/collected';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import { parseEtcServices } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';

const services = parseEtcServices(BUNDLED_SERVICES);
const HOST = 4026531840;
const NS = 4026532999;
const NS2 = 4026533000;

function sock(p: Partial<RawSocket> & Pick<RawSocket, 'localAddress' | 'localPort'>): RawSocket {
  return {
    protocol: 'tcp',
    family: 'IPv4',
    remoteAddress: null,
    remotePort: null,
    state: 'ESTABLISHED',
    pid: null,
    uid: 0,
    ...p,
  };
}
const proc = (pid: number, netns: number) => ({
  pid,
  ppid: 1,
  name: `p${pid}`,
  path: null,
  cmdline: null,
  cwd: null,
  user: 'root',
  startedAt: null,
  netns,
});
function snapshotOf(sockets: RawSocket[], procs: ReturnType<typeof proc>[]) {
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
  return SnapshotSchema.parse(assembleSnapshot(c, { services }));
}

describe('pairing across network namespaces', () => {
  it('pairs a host client with the accepted socket in another namespace over a veth address', () => {
    const s = snapshotOf(
      [
        sock({ localAddress: '198.18.7.2', localPort: 8080, state: 'LISTEN', pid: 20, netns: NS }),
        sock({
          localAddress: '198.18.7.2',
          localPort: 8080,
          remoteAddress: '198.18.7.1',
          remotePort: 40000,
          pid: 20,
          netns: NS,
        }),
        sock({
          localAddress: '198.18.7.1',
          localPort: 40000,
          remoteAddress: '198.18.7.2',
          remotePort: 8080,
          pid: 10,
          netns: HOST,
        }),
      ],
      [proc(10, HOST), proc(20, NS)],
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
        sock({ localAddress: '127.0.0.1', localPort: 5432, state: 'LISTEN', pid: 20, netns: NS }),
        sock({
          localAddress: '127.0.0.1',
          localPort: 5432,
          remoteAddress: '127.0.0.1',
          remotePort: 41000,
          pid: 20,
          netns: NS,
        }),
        sock({
          localAddress: '127.0.0.1',
          localPort: 41000,
          remoteAddress: '127.0.0.1',
          remotePort: 5432,
          pid: 10,
          netns: HOST,
        }),
      ],
      [proc(10, HOST), proc(20, NS)],
    );
    expect(s.edges).toEqual([]);
    // The host has no listener on 5432: its socket is a client, not an accepted one.
    expect(s.sockets.find((x) => x.pid === 10)?.side).toBe('client');
  });

  it('prefers the pair in the client’s own namespace, and a namespace’s listener makes no host socket a server', () => {
    const s = snapshotOf(
      [
        sock({ localAddress: '0.0.0.0', localPort: 80, state: 'LISTEN', pid: 20, netns: NS }),
        sock({
          localAddress: '10.0.0.5',
          localPort: 80,
          remoteAddress: '10.0.0.9',
          remotePort: 50000,
          pid: 20,
          netns: NS,
        }),
        sock({ localAddress: '0.0.0.0', localPort: 80, state: 'LISTEN', pid: 30, netns: NS2 }),
        sock({
          localAddress: '10.0.0.5',
          localPort: 80,
          remoteAddress: '10.0.0.9',
          remotePort: 50000,
          pid: 30,
          netns: NS2,
        }),
        sock({
          localAddress: '10.0.0.9',
          localPort: 50000,
          remoteAddress: '10.0.0.5',
          remotePort: 80,
          pid: 31,
          netns: NS2,
        }),
        sock({
          localAddress: '192.168.1.4',
          localPort: 80,
          remoteAddress: '192.168.1.50',
          remotePort: 80,
          pid: 10,
          netns: HOST,
        }),
      ],
      [proc(10, HOST), proc(20, NS), proc(30, NS2), proc(31, NS2)],
    );
    expect(s.edges).toEqual([{ clientPid: 31, serverPid: 30, protocol: 'tcp', port: 80, count: 1 }]);
    expect(s.sockets.find((x) => x.pid === 10)?.side).not.toBe('server');
  });

  it('pairs a UDP client with a server bound to a namespace address, not through a wildcard or loopback', () => {
    const s = snapshotOf(
      [
        sock({ protocol: 'udp', localAddress: '198.18.7.2', localPort: 5353, state: 'UNCONN', pid: 20, netns: NS }),
        sock({ protocol: 'udp', localAddress: '127.0.0.1', localPort: 53, state: 'UNCONN', pid: 20, netns: NS }),
        sock({
          protocol: 'udp',
          localAddress: '198.18.7.1',
          localPort: 40001,
          remoteAddress: '198.18.7.2',
          remotePort: 5353,
          state: 'CONNECTED',
          pid: 10,
          netns: HOST,
        }),
        sock({
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
      [proc(10, HOST), proc(20, NS)],
    );
    expect(s.edges).toEqual([{ clientPid: 10, serverPid: 20, protocol: 'udp', port: 5353, count: 1 }]);
  });
});
