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

const SOCKET_TRAFFIC = [
  'bytesSent',
  'bytesReceived',
  'bytesRetransmitted',
  'rttMs',
  'sendRate',
  'receiveRate',
] as const;

/** The socket without its traffic fields (the same object when it has none). */
export function socketForHistory(s: Socket): Socket {
  if (SOCKET_TRAFFIC.every((k) => s[k] === undefined)) return s;
  const copy = { ...s };
  for (const k of SOCKET_TRAFFIC) delete copy[k];
  return copy;
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

/** Everything a stored socket carries but traffic, compared field by field. */
function sameWithoutTraffic(a: Socket, b: Socket): boolean {
  for (const k of Object.keys(a) as (keyof Socket)[]) {
    if ((SOCKET_TRAFFIC as readonly string[]).includes(k)) continue;
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return Object.keys(b).every((k) => k in a || (SOCKET_TRAFFIC as readonly string[]).includes(k));
}

/**
 * Live refresh's delta (between the whole snapshots) made into the history's delta between
 * `prevView` (the history's previous snapshot) and `nextView` (snapshotForHistory of the next):
 * traffic stripped, and an update that only moved traffic dropped. Cheaper than a second
 * computeDelta at 20k sockets: only the rows the delta names are looked at.
 */
export function deltaForHistory(liveDelta: SnapshotDelta, prevView: Snapshot, nextView: Snapshot): SnapshotDelta {
  const prevKeys = socketKeys(prevView.sockets);
  const updatedKeys = new Set(liveDelta.sockets.updated.map((u) => u.key));
  const before = new Map<string, Socket>();
  prevView.sockets.forEach((s, i) => {
    const key = prevKeys[i]!;
    if (updatedKeys.has(key)) before.set(key, s);
  });
  const updated = liveDelta.sockets.updated
    .map((u) => ({ key: u.key, socket: socketForHistory(u.socket) }))
    .filter((u) => {
      const b = before.get(u.key);
      return !b || !sameWithoutTraffic(b, u.socket);
    });
  return {
    ...liveDelta,
    sockets: { removed: liveDelta.sockets.removed, added: liveDelta.sockets.added.map(socketForHistory), updated },
    ...(liveDelta.traffic !== undefined ? { traffic: nextView.traffic } : null),
  };
}
