/**
 * The map's one pass over a snapshot's sockets: listeners by process, the service behind each
 * server port, and the traffic with remote hosts (hosts and links), so no rule reads sockets again.
 */
import type { Snapshot, Socket } from '../../model/model';
import { addressScope, unmapIPv4 } from '../../derive/addressScope';
import { isListening } from '../../derive/listening';
import type { NameLookup } from '../knownNames';
import type { RemoteHost } from './remoteHosts';
import { addRate, type RemoteLink } from './mapTypes';

export interface SocketScan {
  listenersByPid: Map<number, Socket[]>;
  /** Service name at `PID|PROTOCOL|PORT` of a listener or a server-side connection. */
  serviceAt: Map<string, string>;
  hosts: Map<string, RemoteHost>;
  links: Map<string, RemoteLink>;
}

export const serviceKey = (pid: number, protocol: string, port: number) => `${pid}|${protocol}|${port}`;

/** A connection with a remote host: count it on the host and on its (side, process, host, port) link. */
function countRemote(scan: SocketScan, s: Socket, pid: number, side: 'client' | 'server', names: NameLookup) {
  const address = unmapIPv4(s.remoteAddress!);
  let host = scan.hosts.get(address);
  if (!host) {
    host = { address, scope: s.remoteScope ?? addressScope(address), name: names(address), connections: 0 };
    scan.hosts.set(address, host);
  }
  host.connections++;
  const port = side === 'client' ? s.remotePort! : s.localPort;
  const key = `${side}|${pid}|${address}|${s.protocol}|${port}`;
  const link = scan.links.get(key);
  if (link) {
    link.count++;
    link.rate = addRate(link.rate, s.sendRate, s.receiveRate);
  } else {
    const rate = addRate(null, s.sendRate, s.receiveRate);
    scan.links.set(key, { side, pid, address, protocol: s.protocol, port, service: s.service, count: 1, rate });
  }
}

export function scanSockets(snapshot: Snapshot, names: NameLookup, isLocal: (address: string) => boolean): SocketScan {
  const scan: SocketScan = { listenersByPid: new Map(), serviceAt: new Map(), hosts: new Map(), links: new Map() };
  for (const s of snapshot.sockets) {
    if (s.pid === null) continue;
    if (isListening(s)) {
      const list = scan.listenersByPid.get(s.pid);
      if (list) list.push(s);
      else scan.listenersByPid.set(s.pid, [s]);
      if (s.service) scan.serviceAt.set(serviceKey(s.pid, s.protocol, s.localPort), s.service);
      continue;
    }
    if (s.remoteAddress === null || s.remotePort === null || s.side === null) continue;
    if (s.side === 'server' && s.service) scan.serviceAt.set(serviceKey(s.pid, s.protocol, s.localPort), s.service);
    if (isLocal(s.remoteAddress)) continue;
    countRemote(scan, s, s.pid, s.side, names);
  }
  return scan;
}
