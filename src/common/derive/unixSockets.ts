/**
 * Unix sockets from what a collector saw to the snapshot: sides and client → server edges. The
 * kernel names each connected socket's peer (its inode), so pairing is exact: no guessing from
 * paths. A connected socket whose peer is an accepted socket of a listener is the client; the
 * accepted end (which carries the listener's path in /proc/net/unix and ss) is the server.
 */
import type { RawUnixSocket } from '../model/collected';
import type { Side, UnixEdge, UnixSocket } from '../model/model';

/** The side of each Unix socket, in input order (see the module doc). */
export function unixSides(raw: readonly RawUnixSocket[]): (Side | null)[] {
  const byInode = new Map<number, RawUnixSocket>();
  for (const s of raw) byInode.set(s.inode, s);
  // Paths bound by listeners: an accepted socket reports the listener's path, a client none.
  const listened = new Set<string>();
  for (const s of raw) if (s.state === 'LISTEN' && s.path !== null) listened.add(s.path);
  const side = (s: RawUnixSocket): Side | null => {
    if (s.state === 'LISTEN') return 'server';
    if (s.peerInode === null) return null;
    if (s.path !== null && listened.has(s.path)) return 'server';
    const peer = byInode.get(s.peerInode);
    if (peer && peer.path !== null && listened.has(peer.path)) return 'client';
    return null; // a socketpair, or a datagram pair: no listener says who serves
  };
  return raw.map(side);
}

/** Sides, peer paths and edges for one collection's Unix sockets. */
export function assembleUnix(raw: readonly RawUnixSocket[]): { sockets: UnixSocket[]; edges: UnixEdge[] } {
  const byInode = new Map<number, RawUnixSocket>();
  for (const s of raw) byInode.set(s.inode, s);
  const sides = unixSides(raw);
  const sockets: UnixSocket[] = raw.map((s, i) => ({
    type: s.type,
    state: s.state,
    path: s.path,
    inode: s.inode,
    peerInode: s.peerInode,
    peerPath: s.peerInode === null ? null : (byInode.get(s.peerInode)?.path ?? null),
    pid: s.pid,
    pids: s.pids,
    side: sides[i] ?? null,
  }));
  const counts = new Map<string, UnixEdge>();
  for (const c of sockets) {
    if (c.side !== 'client' || c.peerInode === null) continue;
    const server = byInode.get(c.peerInode);
    if (!server) continue;
    for (const clientPid of c.pids)
      for (const serverPid of server.pids) {
        const key = `${clientPid}|${serverPid}|${c.type}|${server.path ?? ''}`;
        const e = counts.get(key);
        if (e) e.count++;
        else counts.set(key, { clientPid, serverPid, type: c.type, path: server.path, count: 1 });
      }
  }
  const edges = [...counts.values()].sort(
    (a, b) => a.clientPid - b.clientPid || a.serverPid - b.serverPid || (a.path ?? '').localeCompare(b.path ?? ''),
  );
  sockets.sort((a, b) => (a.path ?? '\uffff').localeCompare(b.path ?? '\uffff') || a.inode - b.inode);
  return { sockets, edges };
}
