/**
 * "Who holds this port?" answered from a snapshot: every socket bound to the port (any address,
 * IPv4 and IPv6), grouped where several processes share one (a forked server, SO_REUSEPORT),
 * with its holders, side and reach.
 */
import { socketHolders } from '../derive/holders';
import type { Family, Protocol, Side, Snapshot, SocketState } from '../model/model';
import { exposureOf, type Exposure } from '../derive/exposure';
import { isListening } from '../derive/listening';

export interface PortHolder {
  pid: number | null;
  label: string | null;
  user: string | null;
}

export interface PortSocket {
  family: Family;
  localAddress: string;
  state: SocketState | null;
  remoteAddress: string | null;
  remotePort: number | null;
  side: Side | null;
  listening: boolean;
  /** Who can reach it: for a listener, from its bind address; null for a connection. */
  exposure: Exposure | null;
  holders: PortHolder[];
}

export interface PortReport {
  port: number;
  protocol: Protocol;
  held: boolean;
  sockets: PortSocket[];
}

export function portReport(snapshot: Snapshot, port: number, protocol: Protocol): PortReport {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const groups = new Map<string, PortSocket>();
  for (const s of snapshot.sockets) {
    if (s.protocol !== protocol || s.localPort !== port) continue;
    const key = [s.family, s.localAddress, s.state, s.remoteAddress, s.remotePort].join('|');
    let g = groups.get(key);
    if (!g) {
      const listening = isListening(s);
      g = {
        family: s.family,
        localAddress: s.localAddress,
        state: s.state,
        remoteAddress: s.remoteAddress,
        remotePort: s.remotePort,
        side: s.side,
        listening,
        exposure: listening ? exposureOf(s.localScope) : null,
        holders: [],
      };
      groups.set(key, g);
    }
    // Every holder: a listener opened before fork() is held by the master and each worker.
    for (const pid of s.pid === null ? [null] : socketHolders(s)) {
      if (g.holders.some((h) => h.pid === pid)) continue;
      const p = pid === null ? undefined : procs.get(pid);
      g.holders.push({ pid, label: p?.label ?? null, user: p?.user ?? null });
    }
  }
  // Listeners first (that is what "holds" a port means to most people), then IPv4 before IPv6, by address.
  const sockets = [...groups.values()].sort(
    (a, b) =>
      Number(b.listening) - Number(a.listening) ||
      a.family.localeCompare(b.family) ||
      a.localAddress.localeCompare(b.localAddress),
  );
  return { port, protocol, held: sockets.length > 0, sockets };
}

/** `3000`, `3000/udp` → port and protocol; null when not a port. */
export function parsePortText(text: string): { port: number; protocol: Protocol } | null {
  const m = /^:?(\d{1,5})(?:\/(tcp|udp))?$/i.exec(text.trim());
  if (!m) return null;
  const port = Number(m[1]);
  if (port < 1 || port > 65535) return null;
  return { port, protocol: (m[2]?.toLowerCase() as Protocol | undefined) ?? 'tcp' };
}

/** `FROM-TO` for `port --free`; the default range is every unprivileged port. */
export function parsePortRange(text: string | undefined): { from: number; to: number } | { error: string } {
  if (text === undefined) return { from: 1024, to: 65535 };
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  if (!m) return { error: `a range is FROM-TO (e.g. 3000-3999), not '${text}'` };
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from < 1 || to > 65535 || from > to) return { error: `a range goes from 1 to 65535, low to high, not '${text}'` };
  return { from, to };
}
