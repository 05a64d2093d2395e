/**
 * Edges through DNAT: a client connected to a published address:port reaches a listener
 * elsewhere (another namespace, another address). Paired only from conntrack's entry for that very
 * connection — the client's local address:port is the entry's original source — whose reply
 * tuple names the real server end (reply src:sport) and what the server sees of the client
 * (reply dst:dport). Nothing is guessed from ports alone.
 */
import type { Edge } from '../model/model';
import { isDnat, type CollectedConntrack, type ConntrackEntry } from '../nat/conntrack';
import { unmapIPv4 } from './addressScope';
import { AcceptedIndex } from './pairLoopback';
import { socketHolders } from './holders';

type Pairable = ConstructorParameters<typeof AcceptedIndex>[0][number];

const key = (netns: number | null, proto: string, src: string, sport: number, dst: string, dport: number) =>
  `${netns ?? ''}|${proto}|${src}|${sport}|${dst}|${dport}`;

/** Client → server edges via DNAT, marked `via: 'dnat'`, `port` the server's; sorted like pairLoopback's. */
export function pairDnat(sockets: readonly Pairable[], tables: readonly CollectedConntrack[]): Edge[] {
  const byOrig = new Map<string, ConntrackEntry>();
  for (const t of tables)
    for (const e of t.entries) if (isDnat(e)) byOrig.set(key(t.netns, e.protocol, e.src, e.sport, e.dst, e.dport), e);
  if (byOrig.size === 0) return [];
  const accepted = new AcceptedIndex(sockets);
  const edges = new Map<string, Edge>();
  for (const c of sockets) {
    if (c.side !== 'client' || c.pid === null || c.remoteAddress === null || c.remotePort === null) continue;
    const ns = c.netns ?? null;
    const local = unmapIPv4(c.localAddress);
    const remote = unmapIPv4(c.remoteAddress);
    const e = byOrig.get(key(ns, c.protocol, local, c.localPort, remote, c.remotePort));
    if (!e) continue;
    const server = accepted.find(c.protocol, e.replySrc, e.replySport, e.replyDst, e.replyDport, ns);
    if (!server || server.pid === null || server === c) continue;
    for (const clientPid of socketHolders(c))
      for (const serverPid of socketHolders(server)) {
        const k = `${clientPid}|${serverPid}|${c.protocol}|${e.replySport}|${e.dst}|${e.dport}`;
        const edge = edges.get(k);
        if (edge) edge.count++;
        else {
          const published = { publishedAddress: e.dst, publishedPort: e.dport };
          edges.set(k, {
            clientPid,
            serverPid,
            protocol: c.protocol,
            port: e.replySport,
            count: 1,
            via: 'dnat',
            ...published,
          });
        }
      }
  }
  return [...edges.values()];
}
