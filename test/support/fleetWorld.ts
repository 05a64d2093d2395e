/**
 * Made-up fleets for the merge's unit tests and its bench: hosts with their own addresses,
 * listeners, and connections from one host to another — both ends written as each host's
 * kernel would show them (the client's socket on its host, the accepted one on the server's),
 * or only the client's end where the server's table does not show it (NAT, a stale snapshot).
 */
import type { Process, Snapshot, Socket } from '../../src/common/model/model';
import { SNAPSHOT_SCHEMA } from '../../src/common/model/model';

export interface WorldHost {
  name: string;
  address: string;
  processes: Process[];
  sockets: Socket[];
  nextPort: number;
}

const proc = (pid: number, label: string): Process => ({
  pid,
  ppid: 1,
  name: label,
  path: null,
  cmdline: null,
  cwd: null,
  user: null,
  startedAt: null,
  label,
  role: 'none',
});

const tcp = (over: Partial<Socket>): Socket => ({
  protocol: 'tcp',
  family: 'IPv4',
  localAddress: '0.0.0.0',
  localPort: 0,
  remoteAddress: null,
  remotePort: null,
  state: 'ESTABLISHED',
  pid: null,
  uid: 0,
  side: null,
  localScope: 'private',
  remoteScope: 'private',
  service: null,
  portClass: null,
  ...over,
});

export class FleetWorld {
  readonly hosts = new Map<string, WorldHost>();

  host(name: string, address: string): this {
    this.hosts.set(name, { name, address, processes: [], sockets: [], nextPort: 40000 });
    return this;
  }

  private get(name: string): WorldHost {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  }

  process(host: string, pid: number, label = `p${pid}`): this {
    this.get(host).processes.push(proc(pid, label));
    return this;
  }

  listen(host: string, pid: number, port: number, address = '0.0.0.0'): this {
    const h = this.get(host);
    h.sockets.push(
      tcp({ localAddress: address, localPort: port, state: 'LISTEN', pid, side: 'server', remoteScope: null }),
    );
    return this;
  }

  /**
   * `clientPid` on `from` connects to `to`'s `port` (at `dialed`, default its address). With
   * `accepted` the server's table shows the accepted end (pid `serverPid`), remote = the client's
   * endpoint as it sees it (`seenAs`, default the client's own address: no NAT).
   */
  connect(
    from: string,
    clientPid: number,
    to: string | null,
    port: number,
    opts: { serverPid?: number; accepted?: boolean; dialed?: string; seenAs?: string } = {},
  ): this {
    const a = this.get(from);
    const dialed = opts.dialed ?? (to ? this.get(to).address : '203.0.113.7');
    const local = a.nextPort++;
    a.sockets.push(
      tcp({
        localAddress: a.address,
        localPort: local,
        remoteAddress: dialed,
        remotePort: port,
        pid: clientPid,
        side: 'client',
      }),
    );
    if (to && opts.accepted !== false) {
      const b = this.get(to);
      b.sockets.push(
        tcp({
          localAddress: dialed,
          localPort: port,
          remoteAddress: opts.seenAs ?? a.address,
          remotePort: local,
          pid: opts.serverPid ?? null,
          side: 'server',
        }),
      );
    }
    return this;
  }

  snapshot(name: string, withId = true): Snapshot {
    const h = this.get(name);
    return {
      schema: SNAPSHOT_SCHEMA,
      takenAt: '2026-12-01T12:00:00.000Z',
      host: {
        ...(withId ? { id: `id-${name}` } : {}),
        hostname: name,
        platform: 'linux',
        collector: 'procfs',
        privileged: true,
        unmappedSockets: 0,
      },
      interfaces: [
        {
          name: 'lo',
          mac: null,
          up: true,
          internal: true,
          addresses: [{ address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', scope: 'loopback' }],
        },
        {
          name: 'eth0',
          mac: null,
          up: true,
          internal: false,
          addresses: [{ address: h.address, family: 'IPv4', cidr: `${h.address}/16`, scope: 'private' }],
        },
      ],
      processes: h.processes,
      sockets: h.sockets,
      edges: [],
      dnsNames: [],
      warnings: [],
    };
  }

  inputs(withId = true) {
    return [...this.hosts.keys()].map((n) => ({
      source: `${n}.json`,
      snapshot: this.snapshot(n, withId),
      error: null,
    }));
  }
}
