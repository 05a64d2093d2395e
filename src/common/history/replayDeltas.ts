/**
 * Rebuilding a moment: a keyframe and every delta after it, applied in one pass. `applyDelta`
 * builds a whole new snapshot per delta (keys, maps, arrays: ~28k sockets each), which for the
 * 299 deltas between two keyframes took 39 s under load; here the sockets live in one ordered map
 * by key, and each delta touches only what it names.
 *
 * Why a key map gives the same order and keys as applying the deltas one by one: a delta keeps a
 * socket in place when its key is in both snapshots and appends new ones last (applyDelta's order,
 * which a Map's insertion order reproduces: `set` on a present key keeps its place). Keys of sockets
 * with the same identity are numbered #0..#n-1 in array order, and a delta removes the tail of a
 * group (#m…) and appends after it, so an added socket's key is its identity numbered by how many
 * of its group are live.
 */
import type { Process, Snapshot, Socket } from '../model/model';
import { socketIdentity, type SnapshotDelta } from '../snapshot/snapshotDelta';

/** The snapshot `deltas` lead to from `base`, stopping at the first delta that does not follow the one before. */
export function replayDeltas(base: Snapshot, deltas: Iterable<SnapshotDelta>): Snapshot {
  // The keys as socketKeys numbers them, and each identity's live count, in one pass.
  const sockets = new Map<string, Socket>();
  const groups = new Map<string, number>();
  for (const s of base.sockets) {
    const id = socketIdentity(s);
    const n = groups.get(id) ?? 0;
    groups.set(id, n + 1);
    sockets.set(n === 0 ? id : `${id}#${n}`, s);
  }
  const processes = new Map<number, Process>(base.processes.map((p) => [p.pid, p]));
  let last: Snapshot | SnapshotDelta = base;
  for (const delta of deltas) {
    if (delta.baseTakenAt !== last.takenAt) break;
    for (const key of delta.sockets.removed) {
      const s = sockets.get(key);
      if (!s) continue;
      sockets.delete(key);
      const id = socketIdentity(s);
      groups.set(id, groups.get(id)! - 1);
    }
    for (const u of delta.sockets.updated) if (sockets.has(u.key)) sockets.set(u.key, u.socket);
    for (const s of delta.sockets.added) {
      const id = socketIdentity(s);
      const n = groups.get(id) ?? 0;
      groups.set(id, n + 1);
      sockets.set(n === 0 ? id : `${id}#${n}`, s);
    }
    for (const pid of delta.processes.removed) processes.delete(pid);
    for (const p of delta.processes.upserted) processes.set(p.pid, p);
    last = delta;
  }
  if (last === base) return base;
  const d = last as SnapshotDelta;
  return {
    schema: base.schema,
    takenAt: d.takenAt,
    host: d.host,
    interfaces: d.interfaces,
    processes: [...processes.values()].sort((a, b) => a.pid - b.pid),
    sockets: [...sockets.values()],
    edges: d.edges,
    dnsNames: d.dnsNames,
    warnings: d.warnings,
    // The parts a delta carries whole when the snapshot has them, as applyDelta keeps them.
    ...(d.traffic !== undefined ? { traffic: d.traffic } : null),
    ...(d.unixSockets ? { unixSockets: d.unixSockets, unixEdges: d.unixEdges ?? [] } : {}),
    ...(d.namespaces ? { namespaces: d.namespaces } : {}),
    ...(d.published ? { published: d.published } : {}),
  };
}
