/**
 * The map's one pass over a snapshot's sockets: listeners by process, the service behind each
 * server port, and the traffic with remote hosts (hosts and links), so no rule reads sockets again.
 */
import type { Snapshot, Socket } from '../../model/model';
import { addressScope, unmapIPv4 } from '../../derive/addressScope';
import { isListening } from '../../derive/listening';
import type { NameLookup } from '../knownNames';
import type { RemoteHost } from './remoteHosts';
import { addRate, type HiddenLink, type RemoteLink } from './mapTypes';
import { socketHolders } from '../../derive/holders';

export interface SocketScan {
  listenersByPid: Map<number, Socket[]>;
  /** Service name at `PID|PROTOCOL|PORT` of a listener or a server-side connection. */
  serviceAt: Map<string, string>;
  hosts: Map<string, RemoteHost>;
  links: Map<string, RemoteLink>;
  /** Connections to servers on this machine whose owner is hidden (an unprivileged run). */
  hiddenLinks: Map<string, HiddenLink>;
}

export const serviceKey = (pid: number, protocol: string, port: number) => `${pid}|${protocol}|${port}`;

/** A connection with a remote host: count it on the host and on its (side, process, host, port) link. */
function countRemote(
  scan: SocketScan,
  s: Socket,
  holders: readonly number[],
  side: 'client' | 'server',
  names: NameLookup,
) {
  const address = unmapIPv4(s.remoteAddress!);
  let host = scan.hosts.get(address);
  if (!host) {
    host = { address, scope: s.remoteScope ?? addressScope(address), name: names(address), connections: 0 };
    scan.hosts.set(address, host);
  }
  host.connections++;
  const port = side === 'client' ? s.remotePort! : s.localPort;
  // Every holder of a shared socket (inherited across fork()) takes part; its rate goes to the first.
  holders.forEach((pid, i) => countLink(scan, s, pid, side, address, port, i === 0));
}

function countLink(
  scan: SocketScan,
  s: Socket,
  pid: number,
  side: 'client' | 'server',
  address: string,
  port: number,
  withRate: boolean,
) {
  const key = `${side}|${pid}|${address}|${s.protocol}|${port}`;
  const link = scan.links.get(key);
  if (link) {
    link.count++;
    if (withRate) link.rate = addRate(link.rate, s.sendRate, s.receiveRate);
  } else {
    const rate = withRate ? addRate(null, s.sendRate, s.receiveRate) : null;
    scan.links.set(key, { side, pid, address, protocol: s.protocol, port, service: s.service, count: 1, rate });
  }
}

export function scanSockets(snapshot: Snapshot, names: NameLookup, isLocal: (address: string) => boolean): SocketScan {
  const scan: SocketScan = {
    listenersByPid: new Map(),
    serviceAt: new Map(),
    hosts: new Map(),
    links: new Map(),
    hiddenLinks: hiddenServerLinks(snapshot),
  };
  for (const s of snapshot.sockets) {
    if (s.pid === null) continue;
    const holders = socketHolders(s);
    if (isListening(s)) {
      for (const pid of holders) {
        const list = scan.listenersByPid.get(pid);
        if (list) list.push(s);
        else scan.listenersByPid.set(pid, [s]);
        if (s.service) scan.serviceAt.set(serviceKey(pid, s.protocol, s.localPort), s.service);
      }
      continue;
    }
    if (s.remoteAddress === null || s.remotePort === null || s.side === null) continue;
    if (s.side === 'server' && s.service)
      for (const pid of holders) scan.serviceAt.set(serviceKey(pid, s.protocol, s.localPort), s.service);
    if (isLocal(s.remoteAddress)) continue;
    countRemote(scan, s, holders, s.side, names);
  }
  return scan;
}

/**
 * Connections to a server on this machine whose owner is hidden (another user's process, an
 * unprivileged run): no edge names the server, so they go to one "hidden" node, per client and port.
 */
function hiddenServerLinks(snapshot: Snapshot): Map<string, HiddenLink> {
  const ends = (proto: string, a: string, ap: number, b: string, bp: number) =>
    `${proto}|${unmapIPv4(a)}|${ap}|${unmapIPv4(b)}|${bp}`;
  const hiddenEnds = new Set<string>();
  for (const s of snapshot.sockets) {
    if (s.pid === null && s.state !== 'TIME_WAIT' && s.side === 'server' && s.remoteAddress !== null)
      hiddenEnds.add(ends(s.protocol, s.localAddress, s.localPort, s.remoteAddress, s.remotePort ?? 0));
  }
  const links = new Map<string, HiddenLink>();
  if (hiddenEnds.size === 0) return links;
  for (const s of snapshot.sockets) {
    if (s.pid === null || s.side !== 'client' || s.remoteAddress === null || s.remotePort === null) continue;
    if (!hiddenEnds.has(ends(s.protocol, s.remoteAddress, s.remotePort, s.localAddress, s.localPort))) continue;
    for (const pid of socketHolders(s)) {
      const k = `${pid}|${s.protocol}|${s.remotePort}`;
      const l = links.get(k);
      if (l) l.count++;
      else links.set(k, { pid, protocol: s.protocol, port: s.remotePort, service: s.service, count: 1 });
    }
  }
  return links;
}
