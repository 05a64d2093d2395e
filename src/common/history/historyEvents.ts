/**
 * What happened between two snapshots, as events a person reads: a listener opened or closed, a
 * connection made or gone, a process started or exited. Computed from the same delta live
 * refresh sends (sockets by identity, processes by pid), so history and the UI agree on what changed.
 */
import { isListening } from '../derive/listening';
import type { Process, Snapshot, Socket } from '../model/model';
import { socketKeys, type SnapshotDelta } from '../snapshot/snapshotDelta';

export const HISTORY_EVENT_KINDS = [
  'listen-start',
  'listen-stop',
  'connect',
  'disconnect',
  'process-start',
  'process-exit',
] as const;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[number];

export interface HistoryEvent {
  /** ISO 8601: `takenAt` of the snapshot that first showed the change. */
  time: string;
  kind: HistoryEventKind;
  /** The socket that opened or closed (null for process events). */
  socket: Socket | null;
  /** The owning process (for socket events; null when the owner is hidden). */
  process: Process | null;
}

/** TCP states after a close began: the connection is over even while the kernel keeps the socket. */
const CLOSING = new Set(['TIME_WAIT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'CLOSE']);
const closing = (s: Socket) => s.state !== null && CLOSING.has(s.state);

/**
 * The events `delta` (computed from `prev` to `next`) stands for, sockets first, in snapshot order.
 * A connection's `disconnect` is when it is first seen closing (a client's TIME_WAIT lingers a
 * minute, ownerless, after the close); one seen only once it was already closing is a `disconnect`
 * when it appears, and the closing socket going away later is no event.
 */
export function eventsOfDelta(prev: Snapshot, next: Snapshot, delta: SnapshotDelta): HistoryEvent[] {
  const time = next.takenAt;
  const events: HistoryEvent[] = [];
  const nextProcs = new Map(next.processes.map((p) => [p.pid, p]));
  const prevProcs = new Map(prev.processes.map((p) => [p.pid, p]));
  const owner = (procs: Map<number, Process>, s: Socket) => (s.pid === null ? null : (procs.get(s.pid) ?? null));
  const prevOwner = (s: Socket) => owner(prevProcs, s) ?? owner(nextProcs, s);
  const prevKeys = socketKeys(prev.sockets);
  const ownerChanges = ownerOnlyChanges(prev, prevKeys, delta);
  for (const socket of delta.sockets.added) {
    const was = ownerChanges.added.get(socket);
    if (was) {
      if (!closing(was) && closing(socket))
        events.push({ time, kind: 'disconnect', socket: was, process: prevOwner(was) });
      continue;
    }
    const kind = isListening(socket) ? 'listen-start' : closing(socket) ? 'disconnect' : 'connect';
    events.push({ time, kind, socket, process: owner(nextProcs, socket) });
  }
  const needPrev = delta.sockets.removed.length > 0 || delta.sockets.updated.length > 0;
  const prevByKey = new Map<string, Socket>();
  if (needPrev) prev.sockets.forEach((s, i) => prevByKey.set(prevKeys[i]!, s));
  for (const { key, socket } of delta.sockets.updated) {
    const was = prevByKey.get(key);
    if (was && !closing(was) && closing(socket) && !isListening(was))
      events.push({ time, kind: 'disconnect', socket: was, process: prevOwner(was) });
  }
  for (const key of delta.sockets.removed) {
    const socket = prevByKey.get(key);
    if (!socket || ownerChanges.removed.has(socket) || closing(socket)) continue;
    events.push({ time, kind: isListening(socket) ? 'listen-stop' : 'disconnect', socket, process: prevOwner(socket) });
  }
  for (const p of delta.processes.upserted) {
    if (!prevProcs.has(p.pid)) events.push({ time, kind: 'process-start', socket: null, process: p });
  }
  for (const pid of delta.processes.removed) {
    const p = prevProcs.get(pid);
    if (p) events.push({ time, kind: 'process-exit', socket: null, process: p });
  }
  return events;
}

/** A socket's identity without its owner. */
function ownerlessIdentity(s: Socket): string {
  return `${s.protocol}|${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress ?? ''}|${s.remotePort ?? ''}`;
}

/**
 * Sockets that only lost or gained a visible owner (a process exiting leaves its sockets ownerless
 * for a moment; a hidden owner becomes readable): the same socket, so neither a stop nor a start.
 */
function ownerOnlyChanges(
  prev: Snapshot,
  keys: readonly string[],
  delta: SnapshotDelta,
): { added: Map<Socket, Socket>; removed: Set<Socket> } {
  const added = new Map<Socket, Socket>();
  const removed = new Set<Socket>();
  if (delta.sockets.added.length === 0 || delta.sockets.removed.length === 0) return { added, removed };
  const removedKeys = new Set(delta.sockets.removed);
  const gone = new Map<string, Socket[]>();
  prev.sockets.forEach((s, i) => {
    if (!removedKeys.has(keys[i]!)) return;
    const id = ownerlessIdentity(s);
    gone.set(id, [...(gone.get(id) ?? []), s]);
  });
  for (const s of delta.sockets.added) {
    const candidates = gone.get(ownerlessIdentity(s));
    const match = candidates?.findIndex((g) => (g.pid === null) !== (s.pid === null));
    if (candidates && match !== undefined && match >= 0) {
      const was = candidates.splice(match, 1)[0]!;
      removed.add(was);
      added.set(s, was);
    }
  }
  return { added, removed };
}

/** The port an event is about: a listener's or a connection's local port; null for process events. */
export function eventPort(e: HistoryEvent): number | null {
  return e.socket ? e.socket.localPort : null;
}

/** The remote port of a connection event, so "who connected to :5432" finds both ends. */
export function eventRemotePort(e: HistoryEvent): number | null {
  return e.socket?.remotePort ?? null;
}

/** The pid an event is about. */
export function eventPid(e: HistoryEvent): number | null {
  return e.socket?.pid ?? e.process?.pid ?? null;
}
