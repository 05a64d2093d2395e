/**
 * Live refresh sends the renderer what changed since the snapshot it already has, when that is
 * smaller than the whole. A delta names sockets by identity (protocol, endpoints, pid — not
 * state, so a connection moving from ESTABLISHED to CLOSE_WAIT is an update, not a new row) and
 * processes by pid; edges, interfaces and host facts are small and sent whole.
 */
import { socketHolders } from '../derive/holders';
import { sortedSocketDelta } from './sortedSocketDelta';
import type {
  Edge,
  Host,
  KnownName,
  Namespace,
  Published,
  NetInterface,
  Process,
  Snapshot,
  Socket,
  UnixEdge,
  UnixSocket,
  Traffic,
} from '../model/model';

export const DELTA_SCHEMA = 'sockeye.delta/1' as const;

export interface SnapshotDelta {
  schema: typeof DELTA_SCHEMA;
  /** `takenAt` of the snapshot this delta applies to. */
  baseTakenAt: string;
  takenAt: string;
  host: Host;
  interfaces: NetInterface[];
  edges: Edge[];
  dnsNames: KnownName[];
  warnings: string[];
  /** Sent whole each tick (per process and host, not per socket); absent when the snapshot has none. */
  traffic?: Traffic | null;
  sockets: { removed: string[]; added: Socket[]; updated: { key: string; socket: Socket }[] };
  processes: { removed: number[]; upserted: Process[] };
  /** Unix sockets and their edges, sent whole (a few hundred rows, not tens of thousands). */
  unixSockets?: UnixSocket[];
  unixEdges?: UnixEdge[];
  /** Network namespaces, sent whole (a handful). */
  namespaces?: Namespace[];
  /** Published ports, sent whole (a handful). */
  published?: Published[];
}

/**
 * Identity of a socket across snapshots: protocol, family, both endpoints and owner, and its
 * network namespace where known (two containers' 127.0.0.1:5432 are two sockets). `withNetns`
 * false leaves the namespace out, to compare with a file from before namespaces were read.
 */
export function socketIdentity(s: Socket, withNetns = true): string {
  const id = `${s.protocol}|${s.family}|${s.localAddress}|${s.localPort}|${s.remoteAddress ?? ''}|${s.remotePort ?? ''}|${s.pid ?? ''}`;
  return withNetns && s.netns != null ? `${id}|n${s.netns}` : id;
}

/**
 * Keys unique within one snapshot: identical sockets (SO_REUSEPORT listeners, ownerless
 * TIME_WAITs on the same endpoints) get an occurrence suffix, so parallel ones are counted.
 */
export function socketKeys(sockets: readonly Socket[], withNetns = true): string[] {
  // Live refresh asks for the keys of the same array twice (as `next`, then as `prev`): keep them.
  const cached = withNetns ? keyCache.get(sockets) : undefined;
  if (cached && cached.length === sockets.length) return cached;
  const seen = new Map<string, number>();
  const keys = sockets.map((s) => {
    const id = socketIdentity(s, withNetns);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}#${n}`;
  });
  if (withNetns) keyCache.set(sockets, keys);
  return keys;
}

const keyCache = new WeakMap<readonly Socket[], string[]>();

function sameHolders(a: Socket, b: Socket): boolean {
  const x = socketHolders(a);
  const y = socketHolders(b);
  return x === y || (x.length === y.length && x.every((pid, i) => pid === y[i]));
}

function sameSocket(a: Socket, b: Socket): boolean {
  return (
    a === b || // reused by the assembly (socketReuse.ts): nothing in it changed
    (a.state === b.state &&
      sameHolders(a, b) &&
      a.recvQ === b.recvQ &&
      a.sendQ === b.sendQ &&
      a.side === b.side &&
      a.uid === b.uid &&
      a.service === b.service &&
      a.portClass === b.portClass &&
      a.localScope === b.localScope &&
      a.remoteScope === b.remoteScope &&
      // Traffic moves only on busy sockets; an idle one stays out of the delta.
      a.bytesSent === b.bytesSent &&
      a.bytesReceived === b.bytesReceived &&
      a.bytesRetransmitted === b.bytesRetransmitted &&
      a.sendRate === b.sendRate &&
      a.receiveRate === b.receiveRate)
  );
}

function sameProcess(a: Process, b: Process): boolean {
  return (
    a.name === b.name &&
    a.role === b.role &&
    a.label === b.label &&
    a.cmdline === b.cmdline &&
    a.path === b.path &&
    a.cwd === b.cwd &&
    a.user === b.user &&
    a.ppid === b.ppid &&
    a.servicePid === b.servicePid &&
    a.unit === b.unit &&
    a.startedAt === b.startedAt &&
    a.netns === b.netns &&
    a.container?.name === b.container?.name &&
    a.container?.id === b.container?.id
  );
}

/** The sockets part by keys: any order (a snapshot a delta was applied to, a hand-made file). */
export function keyedSocketDelta(prev: Snapshot, next: Snapshot): SnapshotDelta['sockets'] {
  const prevKeys = socketKeys(prev.sockets);
  const prevByKey = new Map<string, Socket>();
  prev.sockets.forEach((s, i) => prevByKey.set(prevKeys[i]!, s));
  const nextKeys = socketKeys(next.sockets);
  const added: Socket[] = [];
  const updated: { key: string; socket: Socket }[] = [];
  const stillThere = new Set<string>();
  next.sockets.forEach((s, i) => {
    const key = nextKeys[i]!;
    const before = prevByKey.get(key);
    if (!before) added.push(s);
    else {
      stillThere.add(key);
      if (!sameSocket(before, s)) updated.push({ key, socket: s });
    }
  });
  const removed = prevKeys.filter((k) => !stillThere.has(k));
  return { removed, added, updated };
}

/**
 * What changed from `prev` to `next`. Snapshots as assembled are sorted, and then a merge walk
 * finds the same changes without a key per socket (sortedSocketDelta.ts); otherwise by keys.
 */
export function computeDelta(prev: Snapshot, next: Snapshot): SnapshotDelta {
  const sockets =
    sortedSocketDelta(prev.sockets, next.sockets, sameSocket, socketIdentity) ?? keyedSocketDelta(prev, next);
  const prevProcs = new Map(prev.processes.map((p) => [p.pid, p]));
  const nextPids = new Set(next.processes.map((p) => p.pid));
  const upserted = next.processes.filter((p) => {
    const before = prevProcs.get(p.pid);
    return !before || !sameProcess(before, p);
  });
  return {
    schema: DELTA_SCHEMA,
    baseTakenAt: prev.takenAt,
    takenAt: next.takenAt,
    host: next.host,
    interfaces: next.interfaces,
    edges: next.edges,
    dnsNames: next.dnsNames,
    warnings: next.warnings,
    ...(next.traffic !== undefined ? { traffic: next.traffic } : null),
    sockets,
    processes: { removed: prev.processes.filter((p) => !nextPids.has(p.pid)).map((p) => p.pid), upserted },
    ...(next.unixSockets ? { unixSockets: next.unixSockets, unixEdges: next.unixEdges ?? [] } : {}),
    ...(next.namespaces ? { namespaces: next.namespaces } : {}),
    ...(next.published ? { published: next.published } : {}),
  };
}

/**
 * The snapshot `delta` leads to from `base`; throws if `delta` was computed against another
 * snapshot (the caller then asks for a whole one). Socket order: kept ones in place, new ones last.
 */
export function applyDelta(base: Snapshot, delta: SnapshotDelta): Snapshot {
  if (delta.baseTakenAt !== base.takenAt) throw new Error('delta does not apply to this snapshot');
  const removed = new Set(delta.sockets.removed);
  const updates = new Map(delta.sockets.updated.map((u) => [u.key, u.socket]));
  const keys = socketKeys(base.sockets);
  const sockets: Socket[] = [];
  base.sockets.forEach((s, i) => {
    const key = keys[i]!;
    if (removed.has(key)) return;
    sockets.push(updates.get(key) ?? s);
  });
  for (const s of delta.sockets.added) sockets.push(s);

  const gone = new Set(delta.processes.removed);
  const upserts = new Map(delta.processes.upserted.map((p) => [p.pid, p]));
  const processes: Process[] = [];
  for (const p of base.processes) {
    if (gone.has(p.pid)) continue;
    processes.push(upserts.get(p.pid) ?? p);
    upserts.delete(p.pid);
  }
  for (const p of upserts.values()) processes.push(p);
  processes.sort((a, b) => a.pid - b.pid);

  return {
    schema: base.schema,
    takenAt: delta.takenAt,
    host: delta.host,
    interfaces: delta.interfaces,
    processes,
    sockets,
    edges: delta.edges,
    dnsNames: delta.dnsNames,
    warnings: delta.warnings,
    ...(delta.traffic !== undefined ? { traffic: delta.traffic } : null),
    ...(delta.unixSockets ? { unixSockets: delta.unixSockets, unixEdges: delta.unixEdges ?? [] } : {}),
    ...(delta.namespaces ? { namespaces: delta.namespaces } : {}),
    ...(delta.published ? { published: delta.published } : {}),
  };
}
