/**
 * The snapshot's traffic summary from its sockets' counters and what the collector saw close:
 * per process, per remote host, per interface, and what could not be attributed. Pure and
 * linear in the sockets; runs on every live tick.
 */
import type { CollectedTraffic } from '../model/collected';
import type { ProcessTraffic, RemoteHostTraffic, Socket, Traffic, TrafficTotals } from '../model/model';
import { unmapIPv4 } from '../derive/addressScope';

/** Remote hosts listed at most (the busiest first); the rest are summed into none. */
export const MAX_REMOTE_HOSTS = 500;

interface Acc {
  bytesSent: number;
  bytesReceived: number;
  sendRate: number;
  receiveRate: number;
  connections: number;
}

const zero = (): Acc => ({ bytesSent: 0, bytesReceived: 0, sendRate: 0, receiveRate: 0, connections: 0 });

function add(acc: Acc, s: Socket): void {
  acc.bytesSent += s.bytesSent ?? 0;
  acc.bytesReceived += s.bytesReceived ?? 0;
  acc.sendRate += s.sendRate ?? 0;
  acc.receiveRate += s.receiveRate ?? 0;
  acc.connections++;
}

/** Busiest first: by rate both ways, then by bytes both ways. */
export function byTraffic<
  T extends { sendRate: number | null; receiveRate: number | null; bytesSent: number; bytesReceived: number },
>(a: T, b: T): number {
  const rate = (t: T) => (t.sendRate ?? 0) + (t.receiveRate ?? 0);
  return rate(b) - rate(a) || b.bytesSent + b.bytesReceived - (a.bytesSent + a.bytesReceived);
}

/** Live sockets' counters summed per owner and per remote host (the unattributed: owner hidden). */
function sumSockets(sockets: readonly Socket[]) {
  const byPid = new Map<number, Acc>();
  const byRemote = new Map<string, Acc>();
  const unattributed = zero();
  for (let i = 0; i < sockets.length; i++) {
    const s = sockets[i]!;
    if (s.bytesSent === null || s.bytesSent === undefined) continue;
    if (s.pid === null) add(unattributed, s);
    else {
      let acc = byPid.get(s.pid);
      if (!acc) byPid.set(s.pid, (acc = zero()));
      add(acc, s);
    }
    if (s.remoteAddress !== null && s.remotePort !== null) {
      const remote = unmapIPv4(s.remoteAddress);
      let acc = byRemote.get(remote);
      if (!acc) byRemote.set(remote, (acc = zero()));
      add(acc, s);
    }
  }
  return { byPid, byRemote, unattributed };
}

export function summarizeTraffic(sockets: readonly Socket[], collected: CollectedTraffic): Traffic {
  const hasRates = collected.intervalMs !== null;
  const rateOrNull = (n: number) => (hasRates ? n : null);
  const perSecond = (bytes: number) => (collected.intervalMs ? Math.round(bytes / (collected.intervalMs / 1000)) : 0);
  const { byPid, byRemote, unattributed } = sumSockets(sockets);
  // Closed connections: onto their process, their remote host's rate, or the unattributed.
  const closedOf = new Map<number, CollectedTraffic['closed'][number]>();
  for (const c of collected.closed) {
    if (c.pid === null) {
      unattributed.bytesSent += c.bytesSent;
      unattributed.bytesReceived += c.bytesReceived;
      unattributed.sendRate += perSecond(c.intervalSent);
      unattributed.receiveRate += perSecond(c.intervalReceived);
      unattributed.connections += c.connections;
    } else {
      closedOf.set(c.pid, c);
      if (!byPid.has(c.pid)) byPid.set(c.pid, zero());
    }
  }
  for (const c of collected.closedByRemote) {
    let acc = byRemote.get(c.address);
    if (!acc) byRemote.set(c.address, (acc = zero()));
    acc.sendRate += perSecond(c.intervalSent);
    acc.receiveRate += perSecond(c.intervalReceived);
  }

  const processes: ProcessTraffic[] = [];
  for (const [pid, acc] of byPid) {
    const closed = closedOf.get(pid);
    processes.push({
      pid,
      bytesSent: acc.bytesSent + (closed?.bytesSent ?? 0),
      bytesReceived: acc.bytesReceived + (closed?.bytesReceived ?? 0),
      sendRate: rateOrNull(acc.sendRate + perSecond(closed?.intervalSent ?? 0)),
      receiveRate: rateOrNull(acc.receiveRate + perSecond(closed?.intervalReceived ?? 0)),
      connections: acc.connections,
      closedConnections: closed?.connections ?? 0,
      closedBytesSent: closed?.bytesSent ?? 0,
      closedBytesReceived: closed?.bytesReceived ?? 0,
    });
  }
  processes.sort(byTraffic);
  const remoteHosts: RemoteHostTraffic[] = [...byRemote]
    .map(([address, acc]) => ({
      address,
      bytesSent: acc.bytesSent,
      bytesReceived: acc.bytesReceived,
      sendRate: rateOrNull(acc.sendRate),
      receiveRate: rateOrNull(acc.receiveRate),
      connections: acc.connections,
    }))
    .sort(byTraffic)
    .slice(0, MAX_REMOTE_HOSTS);
  const totals: TrafficTotals = {
    bytesSent: unattributed.bytesSent,
    bytesReceived: unattributed.bytesReceived,
    sendRate: rateOrNull(unattributed.sendRate),
    receiveRate: rateOrNull(unattributed.receiveRate),
    connections: unattributed.connections,
  };
  return {
    available: collected.available,
    unavailableReason: collected.unavailableReason,
    source: collected.source,
    intervalMs: collected.intervalMs,
    since: collected.since,
    processes: collected.available ? processes : [],
    remoteHosts: collected.available ? remoteHosts : [],
    interfaces: collected.interfaces,
    unattributed: totals,
    lostEvents: collected.lostEvents,
  };
}
