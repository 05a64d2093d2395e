/**
 * Edges: both ends of a connection on this host are in the same socket table, so a client
 * socket's remote endpoint is some other socket's local endpoint. Pairing them says "process A
 * is a client of process B on port P" — over loopback or any of this host's own addresses.
 */
import type { Edge, Protocol, Side } from '../model/model';
import { addressScope, unmapIPv4 } from './addressScope';
import { NumberIndex } from './numberIndex';
import { socketHolders } from './holders';

interface PairableSocket {
  protocol: Protocol;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  pid: number | null;
  pids?: readonly number[];
  side: Side | null;
  /** Network namespace; sockets without one are all in the same (the host's). */
  netns?: number | null;
  bytesSent?: number | null;
  bytesReceived?: number | null;
  sendRate?: number | null;
  receiveRate?: number | null;
}

/** The client socket's counters onto its edge, where it has them. */
function addTraffic(edge: Edge, c: PairableSocket): void {
  if (typeof c.bytesSent !== 'number' || typeof c.bytesReceived !== 'number') return;
  edge.bytesSent = (edge.bytesSent ?? 0) + c.bytesSent;
  edge.bytesReceived = (edge.bytesReceived ?? 0) + c.bytesReceived;
  if (typeof c.sendRate === 'number') edge.sendRate = (edge.sendRate ?? 0) + c.sendRate;
  if (typeof c.receiveRate === 'number') edge.receiveRate = (edge.receiveRate ?? 0) + c.receiveRate;
}

const isWildcard = (address: string) => address === '0.0.0.0' || address === '::';

const endpoint = (proto: string, addr: string, port: number) => `${proto}|${unmapIPv4(addr)}|${port}`;

/**
 * Accepted ends of connections, found by their port pair: a typed index from the pair to the
 * first socket, and a chain to the others with the same pair (other addresses, or the other
 * protocol). A Map of 10,000 buckets cost ~6 ms per snapshot here; see numberIndex.ts. The fleet
 * merge (common/fleet) finds another host's accepted ends with it too.
 */
export class AcceptedIndex {
  private readonly first: NumberIndex;
  private readonly next: Int32Array;

  constructor(private readonly sockets: readonly PairableSocket[]) {
    let n = 0;
    for (const s of sockets) if (isAccepted(s)) n++;
    this.first = new NumberIndex(n);
    this.next = new Int32Array(sockets.length);
    for (let i = 0; i < sockets.length; i++) {
      const s = sockets[i]!;
      if (isAccepted(s)) this.next[i] = this.first.set(portPair(s.localPort, s.remotePort!), i);
    }
  }

  /**
   * The accepted socket whose local end is `local` and remote end is `remote`, if any: in the
   * client's namespace first; in another namespace only over an address that is not loopback
   * (127.0.0.1 in a container is not the host's 127.0.0.1 — every namespace has its own).
   */
  find(
    protocol: Protocol,
    local: string,
    localPort: number,
    remote: string,
    remotePort: number,
    netns: number | null = null,
  ): PairableSocket | undefined {
    const ul = unmapIPv4(local);
    const ur = unmapIPv4(remote);
    let across: PairableSocket | undefined;
    for (let i = this.first.get(portPair(localPort, remotePort)); i !== -1; i = this.next[i]!) {
      const s = this.sockets[i]!;
      if (
        s.protocol === protocol &&
        s.localPort === localPort &&
        s.remotePort === remotePort &&
        unmapIPv4(s.localAddress) === ul &&
        unmapIPv4(s.remoteAddress!) === ur
      ) {
        if ((s.netns ?? null) === netns) return s;
        across ??= s;
      }
    }
    return across && !isLoopback(ul) ? across : undefined;
  }
}

const isLoopback = (address: string) => addressScope(address) === 'loopback';

/** Only the accepted ends of connections can be found by a client (and UDP servers, below). */
const isAccepted = (s: PairableSocket) => s.side === 'server' && s.remoteAddress !== null && s.remotePort !== null;

/** Both ports in one number (exact, within 32 bits). */
const portPair = (a: number, b: number) => a * 65536 + b;

/** Client→server edges with parallel connections counted, sorted by client, server, port. */
export function pairLoopback(sockets: readonly PairableSocket[]): Edge[] {
  // Accepted ends of connections by port pair, and unconnected UDP servers by local endpoint.
  const accepted = new AcceptedIndex(sockets);
  // UDP servers by namespace and local endpoint; those bound to one address beyond loopback also
  // by endpoint alone, for clients in other namespaces (a wildcard bind there is not matched:
  // which addresses it covers is that namespace's business).
  const udpServers = new Map<string, PairableSocket>();
  const udpAcross = new Map<string, PairableSocket>();
  // Indexed loops over the sockets and their holders: this runs on every live tick (see classifyRoles.ts).
  for (let i = 0; i < sockets.length; i++) {
    const s = sockets[i]!;
    if (s.side === 'server' && s.protocol === 'udp' && !isAccepted(s)) {
      const key = endpoint('udp', s.localAddress, s.localPort);
      udpServers.set(`${s.netns ?? ''}#${key}`, s);
      if (!isWildcard(s.localAddress) && !isLoopback(unmapIPv4(s.localAddress))) udpAcross.set(key, s);
    }
  }
  // client pid → (server pid, port, protocol) → edge
  const counts = new Map<number, Map<number, Edge>>();
  const edges: Edge[] = [];
  for (let i = 0; i < sockets.length; i++) {
    const c = sockets[i]!;
    if (c.side !== 'client' || c.pid === null || c.remoteAddress === null || c.remotePort === null) continue;
    const ns = c.netns ?? null;
    let server = accepted.find(c.protocol, c.remoteAddress, c.remotePort, c.localAddress, c.localPort, ns);
    if (!server && c.protocol === 'udp') {
      const remote = unmapIPv4(c.remoteAddress);
      const here = `${ns ?? ''}#`;
      server =
        udpServers.get(here + endpoint('udp', remote, c.remotePort)) ??
        udpServers.get(here + endpoint('udp', remote.includes(':') ? '::' : '0.0.0.0', c.remotePort)) ??
        udpServers.get(here + endpoint('udp', '::', c.remotePort)) ??
        udpAcross.get(endpoint('udp', remote, c.remotePort));
    }
    if (!server || server.pid === null || server === c) continue;
    // A socket held by several processes (inherited across fork()) makes an edge for each holder;
    // its byte counters go to the first pair only, so no byte is counted twice.
    const clients = socketHolders(c);
    const servers = socketHolders(server);
    for (let a = 0; a < clients.length; a++)
      for (let b = 0; b < servers.length; b++)
        count(clients[a]!, servers[b]!, c.protocol, c.remotePort, a + b === 0 ? c : null);
  }
  return edges.sort(
    (a, b) =>
      a.clientPid - b.clientPid || a.serverPid - b.serverPid || a.protocol.localeCompare(b.protocol) || a.port - b.port,
  );

  function count(
    clientPid: number,
    serverPid: number,
    protocol: Protocol,
    port: number,
    traffic: PairableSocket | null,
  ): void {
    let byServer = counts.get(clientPid);
    if (!byServer) counts.set(clientPid, (byServer = new Map()));
    const key = (serverPid * 65536 + port) * 2 + (protocol === 'tcp' ? 0 : 1);
    let edge = byServer.get(key);
    if (edge) edge.count++;
    else {
      edge = { clientPid, serverPid, protocol, port, count: 1 };
      byServer.set(key, edge);
      edges.push(edge);
    }
    if (traffic) addTraffic(edge, traffic);
  }
}
