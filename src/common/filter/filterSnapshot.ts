/**
 * Applying a filter to a snapshot. The filter is a question about sockets: a socket is kept
 * when the expression holds for it and the process that owns it (process terms such as
 * `proc:`, `role:` and `pid:` read the owner). What follows from the kept sockets:
 *   - processes: those owning a kept socket. A process listed without any socket (snapshots
 *     only list socket owners, but an imported file may differ) is kept when the expression
 *     holds for the process alone, socket terms counting as false.
 *   - edges: those whose two processes are kept and which a kept socket carries (the client's
 *     socket to the port, or the server's socket on it); `count` is left as collected.
 *   - interfaces, host facts, DNS names and warnings: unchanged.
 * Rows are only ever dropped, never copied or made up, and keep their order.
 */
import type { Process, Snapshot, Socket, UnixSocket } from '../model/model';
import type { FilterAst } from './ast';
import { compileFilter, type FilterPredicate } from './evaluate';
import { socketHolders } from '../derive/holders';
import { unixAsSocket } from './unixAsSocket';

/**
 * Whether one socket matches, with its owner looked up in `processes`. A socket held by several
 * processes matches when the expression holds with any of them as the owner (`proc:worker`
 * finds the listener a master and its workers share).
 */
export function socketMatches(
  predicate: FilterPredicate,
  socket: Socket,
  processes: ReadonlyMap<number, Process>,
): boolean {
  if (socket.pids && socket.pids.length > 1) return socket.pids.some((pid) => predicate(socket, processes.get(pid)));
  return predicate(socket, socket.pid === null ? undefined : processes.get(socket.pid));
}

const byPidCache = new WeakMap<readonly Process[], Map<number, Process>>();

/** A snapshot's process table by pid, computed once per processes array. */
export function processesByPid(processes: readonly Process[]): Map<number, Process> {
  let m = byPidCache.get(processes);
  if (!m) {
    m = new Map(processes.map((p) => [p.pid, p]));
    byPidCache.set(processes, m);
  }
  return m;
}

/** Unix sockets the filter keeps and the edges they carry; null when all are kept. */
function filterUnix(
  snapshot: Snapshot,
  unixSockets: UnixSocket[] | undefined,
): Pick<Snapshot, 'unixSockets' | 'unixEdges'> | null {
  const all = snapshot.unixSockets;
  if (!all || !unixSockets || unixSockets.length === all.length) return null;
  // An edge is carried by a kept socket of its client or of its server on that path.
  const carried = new Set<string>();
  for (const u of unixSockets) for (const pid of u.pids) carried.add(`${pid}|${u.peerPath ?? u.path ?? ''}`);
  const unixEdges = (snapshot.unixEdges ?? []).filter(
    (e) => carried.has(`${e.clientPid}|${e.path ?? ''}`) || carried.has(`${e.serverPid}|${e.path ?? ''}`),
  );
  return { unixSockets, unixEdges };
}

/** The part of `snapshot` the filter selects (the same object when the filter keeps everything). */
export function filterSnapshot(snapshot: Snapshot, ast: FilterAst | FilterPredicate): Snapshot {
  if (typeof ast !== 'function' && ast.root === null) return snapshot;
  const predicate = typeof ast === 'function' ? ast : compileFilter(ast, snapshot.namespaces);
  const procs = processesByPid(snapshot.processes);
  const sockets = snapshot.sockets.filter((s) => socketMatches(predicate, s, procs));
  const keptUnix = snapshot.unixSockets?.filter((u) => socketMatches(predicate, unixAsSocket(u), procs));

  const socketsByPid = new Map<number, Socket[]>();
  for (const u of keptUnix ?? []) if (u.side !== null) for (const pid of u.pids) socketsByPid.set(pid, []);
  for (const s of sockets) {
    for (const pid of socketHolders(s)) {
      const list = socketsByPid.get(pid);
      if (list) list.push(s);
      else socketsByPid.set(pid, [s]);
    }
  }
  let owners: Set<number | null> | null = null;
  const processes = snapshot.processes.filter((p) => {
    if (socketsByPid.has(p.pid)) return true;
    owners ??= new Set(snapshot.sockets.flatMap((s) => socketHolders(s)));
    return !owners.has(p.pid) && predicate(null, p);
  });
  const keptPids = new Set(processes.map((p) => p.pid));
  // An edge is carried by the client's socket to the port or the server's socket on it.
  const carried = new Set<string>();
  for (const s of sockets) {
    for (const pid of socketHolders(s)) {
      carried.add(`${pid}|${s.protocol}|${s.localPort}`);
      if (s.remotePort !== null) carried.add(`${pid}|${s.protocol}|${s.remotePort}`);
    }
  }
  const edges = snapshot.edges.filter(
    (e) =>
      keptPids.has(e.clientPid) &&
      keptPids.has(e.serverPid) &&
      (carried.has(`${e.clientPid}|${e.protocol}|${e.port}`) ||
        carried.has(`${e.serverPid}|${e.protocol}|${e.port}`) ||
        // Through DNAT the client's socket points at the published port, not the server's.
        (e.publishedPort !== undefined && carried.has(`${e.clientPid}|${e.protocol}|${e.publishedPort}`))),
  );
  const unix = filterUnix(snapshot, keptUnix);
  // Everything kept: the same object, so whoever memoises on it has nothing to redo.
  if (
    sockets.length === snapshot.sockets.length &&
    processes.length === snapshot.processes.length &&
    edges.length === snapshot.edges.length &&
    unix === null
  )
    return snapshot;
  return { ...snapshot, sockets, processes, edges, ...(unix ?? {}) };
}
