import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket } from '../../../../src/common/model/collected';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import { classifySides } from '../../../../src/common/derive/classifySockets';
import { parseEtcServices } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';

const services = parseEtcServices(BUNDLED_SERVICES);

function sock(p: Partial<RawSocket> & Pick<RawSocket, 'localAddress' | 'localPort'>): RawSocket {
  return {
    protocol: 'tcp',
    family: p.localAddress.includes(':') ? 'IPv6' : 'IPv4',
    remoteAddress: null,
    remotePort: null,
    state: 'ESTABLISHED',
    pid: null,
    uid: 1000,
    ...p,
  };
}

const proc = (pid: number, name = 'node', cmdline: string | null = null) => ({
  pid,
  ppid: 1,
  name,
  path: `/usr/bin/${name}`,
  cmdline,
  cwd: '/srv/app',
  user: 'ann',
  startedAt: null,
});

function collected(sockets: RawSocket[], pids: number[]): Collected {
  return {
    collector: 'procfs',
    hostname: 'h',
    platform: 'linux',
    privileged: false,
    sockets,
    processes: pids.map((p) => proc(p)),
    interfaces: [],
  };
}

describe('classifySides (TCP)', () => {
  it('listeners and connections accepted on a listened port serve; outbound connections are clients', () => {
    const sides = classifySides(
      [
        sock({ localAddress: '0.0.0.0', localPort: 8080, state: 'LISTEN' }),
        sock({ localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '127.0.0.1', remotePort: 50000 }), // accepted
        sock({ localAddress: '127.0.0.1', localPort: 50000, remoteAddress: '127.0.0.1', remotePort: 8080 }), // outbound
        sock({
          localAddress: '10.0.0.2',
          localPort: 41000,
          remoteAddress: '93.184.216.34',
          remotePort: 443,
          state: 'TIME_WAIT',
        }),
        sock({
          localAddress: '10.0.0.2',
          localPort: 41001,
          remoteAddress: '93.184.216.34',
          remotePort: 443,
          state: 'SYN_SENT',
        }),
        sock({ localAddress: '0.0.0.0', localPort: 9999, state: 'CLOSE' }), // bound only
      ],
      services,
    );
    expect(sides).toEqual(['server', 'server', 'client', 'client', 'client', null]);
  });

  it('a closing connection whose listener is gone: fixed local port serves, two ephemeral ports are unknown', () => {
    const sides = classifySides(
      [
        sock({
          localAddress: '127.0.0.1',
          localPort: 8080,
          remoteAddress: '127.0.0.1',
          remotePort: 51000,
          state: 'TIME_WAIT',
        }),
        sock({ localAddress: '::1', localPort: 46513, remoteAddress: '::1', remotePort: 34502, state: 'TIME_WAIT' }),
        sock({
          localAddress: '10.0.0.2',
          localPort: 41002,
          remoteAddress: '10.0.0.9',
          remotePort: 22,
          state: 'FIN_WAIT2',
        }),
        // Still ESTABLISHED: an outbound connection is the common case, so it stays a client.
        sock({ localAddress: '10.0.0.2', localPort: 41003, remoteAddress: '10.0.0.9', remotePort: 50001 }),
      ],
      services,
    );
    expect(sides).toEqual(['server', null, 'client', 'client']);
  });

  it('a :: listener serves IPv4-mapped and IPv6 peers; a 0.0.0.0 listener does not serve IPv6', () => {
    const sides = classifySides(
      [
        sock({ localAddress: '::', localPort: 443, state: 'LISTEN' }),
        sock({
          localAddress: '::ffff:127.0.0.1',
          localPort: 443,
          remoteAddress: '::ffff:127.0.0.1',
          remotePort: 40000,
        }),
        sock({ localAddress: '0.0.0.0', localPort: 22, state: 'LISTEN' }),
        sock({ localAddress: '::1', localPort: 22, remoteAddress: '::1', remotePort: 40001 }),
        sock({ localAddress: '127.0.0.1', localPort: 5432, state: 'LISTEN' }),
        sock({ localAddress: '10.0.0.2', localPort: 5432, remoteAddress: '10.0.0.9', remotePort: 40002 }),
      ],
      services,
    );
    expect(sides).toEqual(['server', 'server', 'server', 'client', 'server', 'client']);
  });
});

describe('classifySides (UDP rule)', () => {
  it('fixed-port unconnected sockets serve, connected ones are clients unless on a served port, ephemeral unconnected have no side', () => {
    const u = (p: Partial<RawSocket> & Pick<RawSocket, 'localAddress' | 'localPort'>) =>
      sock({ protocol: 'udp', state: 'UNCONN', ...p });
    const sides = classifySides(
      [
        u({ localAddress: '127.0.0.53', localPort: 53 }), // a resolver
        u({ localAddress: '0.0.0.0', localPort: 5353 }), // mdns: known service
        u({ localAddress: '0.0.0.0', localPort: 45000 }), // ephemeral, unconnected
        u({ localAddress: '0.0.0.0', localPort: 68 }), // DHCP client
        u({ localAddress: '10.0.0.2', localPort: 46000, remoteAddress: '1.1.1.1', remotePort: 53, state: 'CONNECTED' }),
        u({ localAddress: '0.0.0.0', localPort: 4433 }), // QUIC server…
        u({
          localAddress: '10.0.0.2',
          localPort: 4433,
          remoteAddress: '8.8.8.8',
          remotePort: 50000,
          state: 'CONNECTED',
        }), // …per-peer socket
      ],
      services,
    );
    expect(sides).toEqual(['server', 'server', null, null, 'client', 'server', 'server']);
  });
});

describe('assembleSnapshot', () => {
  // 100: a database; 200: an API that serves and uses the database; 300: a client of the API (twice) over IPv4 and IPv6.
  const sockets: RawSocket[] = [
    sock({ localAddress: '127.0.0.1', localPort: 5432, state: 'LISTEN', pid: 100 }),
    sock({ localAddress: '127.0.0.1', localPort: 5432, remoteAddress: '127.0.0.1', remotePort: 40000, pid: 100 }),
    sock({ localAddress: '127.0.0.1', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 5432, pid: 200 }),
    sock({ localAddress: '::', localPort: 8080, state: 'LISTEN', pid: 200 }),
    sock({
      localAddress: '::ffff:127.0.0.1',
      localPort: 8080,
      remoteAddress: '::ffff:127.0.0.1',
      remotePort: 41000,
      pid: 200,
    }),
    sock({ localAddress: '127.0.0.1', localPort: 41000, remoteAddress: '127.0.0.1', remotePort: 8080, pid: 300 }),
    sock({ localAddress: '::1', localPort: 8080, remoteAddress: '::1', remotePort: 41001, pid: 200 }),
    sock({ localAddress: '::1', localPort: 41001, remoteAddress: '::1', remotePort: 8080, pid: 300 }),
    // a client whose server end is hidden (another user's process): no edge
    sock({ localAddress: '127.0.0.1', localPort: 42000, remoteAddress: '127.0.0.1', remotePort: 631, pid: 300 }),
    sock({ localAddress: '127.0.0.1', localPort: 631, state: 'LISTEN', pid: null }),
    sock({ localAddress: '127.0.0.1', localPort: 631, remoteAddress: '127.0.0.1', remotePort: 42000, pid: null }),
    // an outbound connection to the Internet
    sock({ localAddress: '10.0.0.2', localPort: 43000, remoteAddress: '140.82.121.4', remotePort: 443, pid: 300 }),
  ];
  const snap = assembleSnapshot(collected(sockets, [100, 200, 300, 999]), {
    services,
    takenAt: new Date('2026-11-24T10:00:00Z'),
  });

  it('passes the snapshot schema', () => {
    expect(() => SnapshotSchema.parse(snap)).not.toThrow();
    expect(snap.schema).toBe('sockeye.snapshot/1');
    expect(snap.takenAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('gives each process its role, and lists only processes that own sockets', () => {
    expect(snap.processes.map((p) => [p.pid, p.role])).toEqual([
      [100, 'server'],
      [200, 'both'],
      [300, 'client'],
    ]);
  });

  it('pairs local connections into edges, counting parallel ones across IPv4, IPv6 and mapped addresses', () => {
    expect(snap.edges).toEqual([
      { clientPid: 200, serverPid: 100, protocol: 'tcp', port: 5432, count: 1 },
      { clientPid: 300, serverPid: 200, protocol: 'tcp', port: 8080, count: 2 },
    ]);
  });

  it('names the service of the server port on both ends, with its port class', () => {
    const out = snap.sockets.find((s) => s.remotePort === 443)!;
    expect(out).toMatchObject({
      side: 'client',
      service: 'https',
      portClass: 'system',
      localScope: 'private',
      remoteScope: 'public',
    });
    const dbClient = snap.sockets.find((s) => s.pid === 200 && s.remotePort === 5432)!;
    expect(dbClient).toMatchObject({ side: 'client', service: 'postgresql', portClass: 'registered' });
    const listener = snap.sockets.find((s) => s.localPort === 8080 && s.state === 'LISTEN')!;
    expect(listener).toMatchObject({
      side: 'server',
      localScope: 'unspecified',
      remoteScope: null,
      service: 'http-alt',
    });
  });

  it('counts sockets without an owner as unmapped when the collector does not say otherwise', () => {
    expect(snap.host.unmappedSockets).toBe(2);
    const withCount = assembleSnapshot({ ...collected(sockets, [100]), unmappedSockets: 1 }, { services });
    expect(withCount.host.unmappedSockets).toBe(1);
  });
});
