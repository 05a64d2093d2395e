/**
 * What one host of a fleet offers the others, indexed for the merge: its listeners by
 * `protocol|address|port`, the accepted ends of its connections by both endpoints, and its
 * processes' labels. Maps keyed by endpoint text, so a fleet of 100 hosts × 5,000 sockets is
 * read in one pass per host and looked up in constant time, never host against host.
 */
import type { Protocol, Snapshot, Socket } from '../model/model';
import { unmapIPv4 } from '../derive/addressScope';
import { AcceptedIndex } from '../derive/pairLoopback';
import type { FleetService } from './fleetModel';

export const listenerKey = (protocol: Protocol, address: string, port: number) => `${protocol}|${address}|${port}`;

export const connectionKey = (
  protocol: Protocol,
  local: string,
  localPort: number,
  remote: string,
  remotePort: number,
) => `${protocol}|${local}|${localPort}|${remote}|${remotePort}`;

/** Loopback (an address already unmapped from `::ffff:`). */
const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

/** Addresses that never name another host: each host has its own (loopback, the wildcards). */
export function isLocalOnly(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || isLoopback(address);
}

/** A listener (TCP LISTEN, or an unconnected UDP server socket). */
const isListener = (s: Socket) => s.side === 'server' && s.remoteAddress === null;

export class HostIndex {
  /** Listeners by `protocol|address|port` (wildcards as `0.0.0.0` and `::`). */
  readonly listeners = new Map<string, Socket>();
  /** Accepted ends of connections, found by both endpoints (the typed port-pair index the host's own pairing uses). */
  readonly accepted: AcceptedIndex;
  /** This host's own addresses, unmapped, loopback and unspecified left out. */
  readonly addresses = new Set<string>();
  private readonly labels = new Map<number, string>();
  private readonly snapshot: Snapshot;

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
    for (const p of snapshot.processes) this.labels.set(p.pid, p.label || p.name);
    for (const i of snapshot.interfaces)
      for (const a of i.addresses) {
        const address = unmapIPv4(a.address);
        if (!isLocalOnly(address)) this.addresses.add(address);
      }
    for (const s of snapshot.sockets) {
      if (isListener(s)) {
        const key = listenerKey(s.protocol, unmapIPv4(s.localAddress), s.localPort);
        if (!this.listeners.has(key)) this.listeners.set(key, s);
      }
    }
    this.accepted = new AcceptedIndex(snapshot.sockets);
  }

  get sockets(): readonly Socket[] {
    return this.snapshot.sockets;
  }

  label(pid: number | null): string | null {
    return pid === null ? null : (this.labels.get(pid) ?? `pid ${pid}`);
  }

  /** The listener that takes a connection to `address:port`: bound there exactly, else a wildcard of its family. */
  listenerFor(protocol: Protocol, address: string, port: number): Socket | undefined {
    return (
      this.listeners.get(listenerKey(protocol, address, port)) ??
      (address.includes(':') ? undefined : this.listeners.get(listenerKey(protocol, '0.0.0.0', port))) ??
      this.listeners.get(listenerKey(protocol, '::', port))
    );
  }

  /** What it serves: one entry per process, protocol and port, sorted by port. */
  services(): FleetService[] {
    const byKey = new Map<string, FleetService>();
    for (const s of this.snapshot.sockets) {
      if (!isListener(s)) continue;
      const key = `${s.pid}|${s.protocol}|${s.localPort}`;
      const loopback = isLoopback(unmapIPv4(s.localAddress));
      const known = byKey.get(key);
      if (known) known.loopbackOnly &&= loopback;
      else
        byKey.set(key, {
          pid: s.pid,
          process: this.label(s.pid) ?? 'hidden owner',
          protocol: s.protocol,
          port: s.localPort,
          loopbackOnly: loopback,
        });
    }
    return [...byKey.values()].sort(
      (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol) || (a.pid ?? -1) - (b.pid ?? -1),
    );
  }
}
