/**
 * What the history keeps of a snapshot. Per-socket traffic counters and rates change on every busy
 * socket every tick, so storing them would put most established connections into every stored
 * delta; the history keeps the snapshot's per-process totals instead (issue 15: "per process totals
 * per tick"), the interfaces and the unattributed totals, and not the per-remote-host list.
 * Everything else of the snapshot is kept as it is.
 */
import type { Snapshot, Socket } from '../model/model';
import type { SnapshotDelta } from '../snapshot/snapshotDelta';
import { socketKeys } from '../snapshot/snapshotDelta';

/** The socket without its traffic fields (the same object when it has none). */
export function socketForHistory(s: Socket): Socket {
  if (
    s.bytesSent === undefined &&
    s.bytesReceived === undefined &&
    s.bytesRetransmitted === undefined &&
    s.rttMs === undefined &&
    s.sendRate === undefined &&
    s.receiveRate === undefined
  )
    return s;
  // Rest properties, not `delete`: deleting keys turns 20k objects into slow dictionary-mode ones
  // for every later stringify and comparison.
  /* eslint-disable @typescript-eslint/no-unused-vars -- the names are what is left out */
  const { bytesSent, bytesReceived, bytesRetransmitted, rttMs, sendRate, receiveRate, ...rest } = s;
  /* eslint-enable @typescript-eslint/no-unused-vars */
  return rest;
}

function trafficForHistory(t: Snapshot['traffic']): Snapshot['traffic'] {
  if (!t) return t;
  return { ...t, remoteHosts: [] };
}

/** The snapshot as the history stores it. */
export function snapshotForHistory(s: Snapshot): Snapshot {
  const traffic = trafficForHistory(s.traffic);
  return {
    ...s,
    sockets: s.sockets.map(socketForHistory),
    ...(s.traffic !== undefined ? { traffic } : null),
  };
}

/**
 * What live refresh compares of a socket (snapshotDelta.ts' sameSocket), less the traffic fields:
 * an update that changed none of these only moved bytes.
 */
function sameWithoutTraffic(a: Socket, b: Socket): boolean {
  const x = a.pids ?? [];
  const y = b.pids ?? [];
  return (
    a.state === b.state &&
    a.pid === b.pid &&
    x.length === y.length &&
    x.every((p, i) => p === y[i]) &&
    a.recvQ === b.recvQ &&
    a.sendQ === b.sendQ &&
    a.side === b.side &&
    a.uid === b.uid &&
    a.service === b.service &&
    a.portClass === b.portClass &&
    a.localScope === b.localScope &&
    a.remoteScope === b.remoteScope
  );
}

/**
 * A delta between two snapshots (live refresh's, or one computed from the history's last state)
 * made into what the history stores: traffic stripped from the rows it names, and an update that
 * only moved traffic dropped. Only the rows the delta names are looked at, plus one pass over
 * `prev`'s keys (cached where live refresh computed them).
 */
export function deltaForHistory(delta: SnapshotDelta, prev: Snapshot, next: Snapshot): SnapshotDelta {
  let updated = delta.sockets.updated;
  if (updated.length > 0) {
    const prevKeys = socketKeys(prev.sockets);
    const wanted = new Set(updated.map((u) => u.key));
    const before = new Map<string, Socket>();
    for (let i = 0; i < prevKeys.length; i++) if (wanted.has(prevKeys[i]!)) before.set(prevKeys[i]!, prev.sockets[i]!);
    updated = updated
      .filter((u) => {
        const b = before.get(u.key);
        return !b || !sameWithoutTraffic(b, u.socket);
      })
      .map((u) => ({ key: u.key, socket: socketForHistory(u.socket) }));
  }
  return {
    ...delta,
    sockets: { removed: delta.sockets.removed, added: delta.sockets.added.map(socketForHistory), updated },
    ...(delta.traffic !== undefined ? { traffic: trafficForHistory(next.traffic) } : null),
  };
}
