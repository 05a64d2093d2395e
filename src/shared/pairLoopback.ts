/**
 * Edges: both ends of a connection on this host are in the same socket table, so a client
 * socket's remote endpoint is some other socket's local endpoint. Pairing them says "process A
 * is a client of process B on port P" — over loopback or any of this host's own addresses.
 */
import type { Edge, Protocol, Side } from './model';
import { unmapIPv4 } from './addressScope';

interface PairableSocket {
  protocol: Protocol;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  pid: number | null;
  side: Side | null;
}

const endpoint = (proto: string, addr: string, port: number) => `${proto}|${unmapIPv4(addr)}|${port}`;

/** Client→server edges with parallel connections counted, sorted by client, server, port. */
export function pairLoopback(sockets: readonly PairableSocket[]): Edge[] {
  // Connected sockets by (local, remote) and unconnected UDP servers by local endpoint.
  const byFourTuple = new Map<string, PairableSocket>();
  const udpServers = new Map<string, PairableSocket>();
  for (const s of sockets) {
    // Only the accepted ends of connections can be found by a client (and UDP servers, below).
    if (s.side !== 'server') continue;
    if (s.remoteAddress !== null && s.remotePort !== null) {
      byFourTuple.set(`${endpoint(s.protocol, s.localAddress, s.localPort)}>${endpoint('', s.remoteAddress, s.remotePort)}`, s);
    } else if (s.protocol === 'udp') {
      udpServers.set(endpoint('udp', s.localAddress, s.localPort), s);
    }
  }
  const counts = new Map<string, Edge>();
  for (const c of sockets) {
    if (c.side !== 'client' || c.pid === null || c.remoteAddress === null || c.remotePort === null) continue;
    let server = byFourTuple.get(`${endpoint(c.protocol, c.remoteAddress, c.remotePort)}>${endpoint('', c.localAddress, c.localPort)}`);
    if (!server && c.protocol === 'udp') {
      const remote = unmapIPv4(c.remoteAddress);
      server =
        udpServers.get(endpoint('udp', remote, c.remotePort)) ??
        udpServers.get(endpoint('udp', remote.includes(':') ? '::' : '0.0.0.0', c.remotePort)) ??
        udpServers.get(endpoint('udp', '::', c.remotePort));
    }
    if (!server || server.pid === null || server === c) continue;
    const key = `${c.pid}|${server.pid}|${c.protocol}|${c.remotePort}`;
    const edge = counts.get(key);
    if (edge) edge.count++;
    else counts.set(key, { clientPid: c.pid, serverPid: server.pid, protocol: c.protocol, port: c.remotePort, count: 1 });
  }
  return [...counts.values()].sort(
    (a, b) => a.clientPid - b.clientPid || a.serverPid - b.serverPid || a.protocol.localeCompare(b.protocol) || a.port - b.port,
  );
}
