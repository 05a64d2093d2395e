/**
 * Builds snapshots of a made-up machine from raw sockets through the real derivation
 * (assembleSnapshot: sides, roles, pairing, labels), for the map's unit tests and its bench.
 */
import type { Collected, RawProcess, RawSocket } from '../../src/common/model/collected';
import type { KnownName, NetInterface, Snapshot } from '../../src/common/model/model';
import { assembleSnapshot } from '../../src/common/derive/assembleSnapshot';
import { BUNDLED_SERVICES } from '../../src/common/derive/ianaServices';
import { parseEtcServices } from '../../src/common/derive/services';

const services = parseEtcServices(BUNDLED_SERVICES);

export const HOST_INTERFACES: NetInterface[] = [
  {
    name: 'lo',
    mac: null,
    up: true,
    internal: true,
    addresses: [{ address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', scope: 'loopback' }],
  },
  {
    name: 'eth0',
    mac: '02:00:00:00:00:01',
    up: true,
    internal: false,
    addresses: [{ address: '10.0.0.2', family: 'IPv4', cidr: '10.0.0.2/24', scope: 'private' }],
  },
];

/** A machine under construction: processes, listeners and connections (both ends when local). */
export class World {
  readonly sockets: RawSocket[] = [];
  readonly processes: RawProcess[] = [];
  private nextPort = 40000;

  process(pid: number, name: string, cmdline: string | null = null, extra: Partial<RawProcess> = {}): this {
    this.processes.push({
      pid,
      ppid: 1,
      name,
      path: `/usr/bin/${name}`,
      cmdline,
      cwd: '/srv',
      user: 'ann',
      startedAt: '2026-01-02T03:04:05.000Z',
      ...extra,
    });
    return this;
  }

  listen(pid: number | null, address: string, port: number, protocol: 'tcp' | 'udp' = 'tcp'): this {
    this.sockets.push(raw(protocol, address, port, null, null, protocol === 'tcp' ? 'LISTEN' : 'UNCONN', pid));
    return this;
  }

  /** A local connection: the client's socket and the server's accepted one. */
  connect(clientPid: number | null, serverPid: number | null, port: number, address = '127.0.0.1'): this {
    const ephemeral = this.nextPort++;
    this.sockets.push(raw('tcp', address, ephemeral, address, port, 'ESTABLISHED', clientPid));
    this.sockets.push(raw('tcp', address, port, address, ephemeral, 'ESTABLISHED', serverPid));
    return this;
  }

  /** An outbound connection to a remote host. */
  connectOut(pid: number, remoteAddress: string, port: number): this {
    this.sockets.push(raw('tcp', '10.0.0.2', this.nextPort++, remoteAddress, port, 'ESTABLISHED', pid));
    return this;
  }

  /** An inbound connection from a remote host to our `port` (which some process listens on). */
  connectIn(pid: number, remoteAddress: string, port: number): this {
    this.sockets.push(
      raw('tcp', '10.0.0.2', port, remoteAddress, 50000 + (this.nextPort++ % 10000), 'ESTABLISHED', pid),
    );
    return this;
  }

  snapshot(dnsNames: KnownName[] = []): Snapshot {
    const collected: Collected = {
      collector: 'procfs',
      hostname: 'synthetic',
      platform: 'linux',
      privileged: true,
      sockets: this.sockets,
      processes: this.processes,
      interfaces: HOST_INTERFACES,
    };
    return { ...assembleSnapshot(collected, { services, takenAt: new Date('2026-01-02T03:04:05Z') }), dnsNames };
  }
}

function raw(
  protocol: 'tcp' | 'udp',
  localAddress: string,
  localPort: number,
  remoteAddress: string | null,
  remotePort: number | null,
  state: RawSocket['state'],
  pid: number | null,
): RawSocket {
  return {
    protocol,
    family: localAddress.includes(':') ? 'IPv6' : 'IPv4',
    localAddress,
    localPort,
    remoteAddress,
    remotePort,
    state,
    pid,
    uid: 1000,
  };
}

/** Deterministic pseudo-random numbers (a linear congruential generator), so runs compare. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Servers come in tiers, as on a real machine: front proxies, then applications, then stores. */
const TIERS = [
  ['nginx', 'envoy'],
  ['node', 'java', 'python3', 'dotnet'],
  ['postgres', 'redis-server', 'mysqld', 'prometheus'],
];
const CLIENT_PROGRAMS = ['chrome', 'firefox', 'code', 'slack', 'node', 'python3', 'curl', 'ssh', 'git', 'docker'];

function command(program: string, i: number): string {
  if (program === 'node') return `node /srv/svc-${i % 23}/server.js`;
  if (program === 'python3') return `python3 -m worker${i % 7}`;
  return program;
}

/**
 * A busy machine: `processes` processes (many sharing a program), exactly `edges` distinct
 * client→server pairs over loopback (1–3 connections each) and `remoteHosts` remote hosts.
 * A fifth of the processes serve, in three tiers; clients mostly use a few services near them
 * (15% anywhere), and servers call only servers of a later tier — the shape of a real stack.
 */
export function busySnapshot(processes = 300, edges = 2000, remoteHosts = 150): Snapshot {
  const rand = lcg(42);
  const w = new World();
  const serverCount = Math.max(3, Math.round(processes / 5));
  const perTier = Math.ceil(serverCount / TIERS.length);
  const tierOf = (si: number) => Math.min(TIERS.length - 1, Math.floor(si / perTier));
  const pids: number[] = [];
  for (let i = 0; i < processes; i++) {
    const pid = 1000 + i;
    pids.push(pid);
    const programs = i < serverCount ? TIERS[tierOf(i)]! : CLIENT_PROGRAMS;
    const program = programs[i % programs.length]!;
    w.process(pid, program, command(program, i));
  }
  const servers = pids.slice(0, serverCount);
  servers.forEach((pid, i) => w.listen(pid, i % 4 === 0 ? '0.0.0.0' : '127.0.0.1', 3000 + i));
  const clients = pids.slice(serverCount);
  const pairs = new Set<string>();
  const lastTierStart = perTier * (TIERS.length - 1);
  while (pairs.size < edges) {
    let c: number;
    let si: number;
    if (rand() < 0.15) {
      // A server calling downstream: from a front or application server to a later tier.
      const from = Math.floor(rand() * lastTierStart);
      c = servers[from]!;
      const next = (tierOf(from) + 1) * perTier;
      si = next + Math.floor(rand() * (serverCount - next));
    } else {
      const ci = Math.floor(rand() * clients.length);
      c = clients[ci]!;
      // Each client program has its neighbourhood of ten services; now and then anything.
      si =
        rand() < 0.85
          ? ((ci % CLIENT_PROGRAMS.length) * 7 + Math.floor(rand() * 10)) % serverCount
          : Math.floor(rand() * serverCount);
    }
    const key = `${c}>${si}`;
    if (servers[si] === c || pairs.has(key)) continue;
    pairs.add(key);
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) w.connect(c, servers[si]!, 3000 + si);
  }
  for (let h = 0; h < remoteHosts; h++) {
    const address = h % 3 === 0 ? `10.20.${h % 9}.${10 + h}` : `203.0.${113 + (h % 5)}.${h % 250}`;
    w.connectOut(clients[h % clients.length]!, address, h % 2 ? 443 : 5432);
  }
  return w.snapshot();
}
