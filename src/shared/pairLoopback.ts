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

/** Numeric key of a port pair; the addresses are compared after the lookup (building text keys for 20,000 sockets costs more). */
const portPair = (a: number, b: number) => a * 65536 + b;

type Bucket = PairableSocket | PairableSocket[];

function addTo(index: Map<number, Bucket>, key: number, s: PairableSocket): void {
  const there = index.get(key);
  if (there === undefined) index.set(key, s);
  else if (Array.isArray(there)) there.push(s);
  else index.set(key, [there, s]);
}

/** The accepted socket whose local end is `local` and remote end is `remote`, if any. */
function findAccepted(index: Map<number, Bucket>, local: string, localPort: number, remote: string, remotePort: number): PairableSocket | undefined {
  const there = index.get(portPair(localPort, remotePort));
  if (there === undefined) return undefined;
  const ul = unmapIPv4(local);
  const ur = unmapIPv4(remote);
  for (const s of Array.isArray(there) ? there : [there]) {
    if (unmapIPv4(s.localAddress) === ul && unmapIPv4(s.remoteAddress!) === ur) return s;
  }
  return undefined;
}

/** Client→server edges with parallel connections counted, sorted by client, server, port. */
export function pairLoopback(sockets: readonly PairableSocket[]): Edge[] {
  // Accepted ends of connections by protocol and port pair, and unconnected UDP servers by local endpoint.
  const accepted: Record<Protocol, Map<number, Bucket>> = { tcp: new Map(), udp: new Map() };
  const udpServers = new Map<string, PairableSocket>();
  for (const s of sockets) {
    // Only the accepted ends of connections can be found by a client (and UDP servers, below).
    if (s.side !== 'server') continue;
    if (s.remoteAddress !== null && s.remotePort !== null) {
      addTo(accepted[s.protocol], portPair(s.localPort, s.remotePort), s);
    } else if (s.protocol === 'udp') {
      udpServers.set(endpoint('udp', s.localAddress, s.localPort), s);
    }
  }
  // client pid → (server pid, port, protocol) → edge
  const counts = new Map<number, Map<number, Edge>>();
  const edges: Edge[] = [];
  for (const c of sockets) {
    if (c.side !== 'client' || c.pid === null || c.remoteAddress === null || c.remotePort === null) continue;
    let server = findAccepted(accepted[c.protocol], c.remoteAddress, c.remotePort, c.localAddress, c.localPort);
    if (!server && c.protocol === 'udp') {
      const remote = unmapIPv4(c.remoteAddress);
      server =
        udpServers.get(endpoint('udp', remote, c.remotePort)) ??
        udpServers.get(endpoint('udp', remote.includes(':') ? '::' : '0.0.0.0', c.remotePort)) ??
        udpServers.get(endpoint('udp', '::', c.remotePort));
    }
    if (!server || server.pid === null || server === c) continue;
    let byServer = counts.get(c.pid);
    if (!byServer) counts.set(c.pid, (byServer = new Map()));
    const key = (server.pid * 65536 + c.remotePort) * 2 + (c.protocol === 'tcp' ? 0 : 1);
    const edge = byServer.get(key);
    if (edge) edge.count++;
    else {
      const made: Edge = { clientPid: c.pid, serverPid: server.pid, protocol: c.protocol, port: c.remotePort, count: 1 };
      byServer.set(key, made);
      edges.push(made);
    }
  }
  return edges.sort(
    (a, b) => a.clientPid - b.clientPid || a.serverPid - b.serverPid || a.protocol.localeCompare(b.protocol) || a.port - b.port,
  );
}
