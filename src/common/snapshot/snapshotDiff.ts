/**
 * Comparing two snapshots (`sockeye diff`, the Compare tab). Sockets are matched by identity —
 * protocol, family, both endpoints and owning pid, as live refresh does — never by position, so
 * a state change (ESTABLISHED → CLOSE_WAIT) is not an add plus a remove. Processes are matched by
 * pid and name, and start time where both snapshots know it, so a recycled pid is a new process.
 */
import { isListening } from '../derive/listening';
import type { Process, Role, Snapshot, Socket } from '../model/model';
import { socketKeys } from './snapshotDelta';
import { localAddressTest } from '../viewModel/map/localAddresses';

export interface SnapshotRef {
  takenAt: string;
  hostname: string;
}

export interface RoleChange {
  pid: number;
  name: string;
  from: Role;
  to: Role;
}

/** The `sockeye diff --json` document. */
export interface SnapshotDiff {
  from: SnapshotRef;
  to: SnapshotRef;
  added: { sockets: Socket[]; processes: Process[] };
  removed: { sockets: Socket[]; processes: Process[] };
  changed: { processes: RoleChange[] };
  /** Closing sockets (TIME_WAIT and the like) that appeared or went, left out of `added`/`removed`. */
  ignored?: { closingSockets: number };
}

export interface DiffOptions {
  /**
   * Compare closing sockets too. Off by default: TIME_WAIT and the other closing states come and
   * go by the hundred between two snapshots of a busy host and drown what changed.
   */
  includeClosing?: boolean;
}

const CLOSING = new Set(['TIME_WAIT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'CLOSE']);

/** A TCP socket on its way out (its connection is closed or closing). */
export function isClosing(s: Socket): boolean {
  return s.protocol === 'tcp' && s.state !== null && CLOSING.has(s.state);
}

function sameProcess(a: Process, b: Process): boolean {
  return (
    a.pid === b.pid &&
    a.name === b.name &&
    (a.startedAt === null || b.startedAt === null || a.startedAt === b.startedAt)
  );
}

/** What changed from snapshot `a` to snapshot `b`. */
export function diffSnapshots(a: Snapshot, b: Snapshot, options: DiffOptions = {}): SnapshotDiff {
  // Matched on every socket (a connection going ESTABLISHED → CLOSE_WAIT is no change), then
  // closing sockets that appeared or went are left out unless asked for.
  // A file from before namespaces were read has none on its sockets: compare without them.
  const withNetns = (a.namespaces !== undefined) === (b.namespaces !== undefined);
  const aKeys = socketKeys(a.sockets, withNetns);
  const bKeys = socketKeys(b.sockets, withNetns);
  const aSet = new Set(aKeys);
  const bSet = new Set(bKeys);
  let addedSockets = b.sockets.filter((_, i) => !aSet.has(bKeys[i]!));
  let removedSockets = a.sockets.filter((_, i) => !bSet.has(aKeys[i]!));
  const keep = options.includeClosing ? null : (s: Socket) => !isClosing(s);
  let ignored = 0;
  if (keep) {
    const before = addedSockets.length + removedSockets.length;
    addedSockets = addedSockets.filter(keep);
    removedSockets = removedSockets.filter(keep);
    ignored = before - addedSockets.length - removedSockets.length;
  }

  const aByPid = new Map<number, Process>();
  for (const p of a.processes) aByPid.set(p.pid, p);
  const matched = new Set<Process>();
  const addedProcs: Process[] = [];
  const changed: RoleChange[] = [];
  for (const p of b.processes) {
    const before = aByPid.get(p.pid);
    if (before && sameProcess(before, p)) {
      matched.add(before);
      if (before.role !== p.role) changed.push({ pid: p.pid, name: p.name, from: before.role, to: p.role });
    } else addedProcs.push(p);
  }
  return {
    from: { takenAt: a.takenAt, hostname: a.host.hostname },
    to: { takenAt: b.takenAt, hostname: b.host.hostname },
    added: { sockets: addedSockets, processes: addedProcs },
    removed: { sockets: removedSockets, processes: a.processes.filter((p) => !matched.has(p)) },
    changed: { processes: changed },
    ...(keep ? { ignored: { closingSockets: ignored } } : {}),
  };
}

/** A socket with a peer. */
export function isConnection(s: Socket): boolean {
  return s.remoteAddress !== null;
}

/** The diff in the words people ask it with: what started or stopped listening, talking, running. */
export interface DiffHighlights {
  listenersOpened: Socket[];
  listenersClosed: Socket[];
  connectionsAdded: Socket[];
  connectionsRemoved: Socket[];
  /** Sockets that are neither (a bound but idle socket, a client's unconnected UDP socket). */
  otherAdded: Socket[];
  otherRemoved: Socket[];
  processesAppeared: Process[];
  processesVanished: Process[];
  rolesChanged: RoleChange[];
  /** Remote addresses `b` talks to that no socket of `a` had as its peer. */
  newRemoteHosts: string[];
}

/** Group a diff by what a user looks for; `b` is the later snapshot the diff was made to. */
export function diffHighlights(diff: SnapshotDiff, a: Snapshot, b?: Snapshot): DiffHighlights {
  const seen = new Set(a.sockets.flatMap((s) => (s.remoteAddress === null ? [] : [s.remoteAddress])));
  // Loopback and this host's own addresses are this machine, not a remote host.
  const isLocal = localAddressTest([...a.interfaces, ...(b?.interfaces ?? [])]);
  const newRemote = new Set<string>();
  for (const s of diff.added.sockets) {
    if (s.remoteAddress !== null && !seen.has(s.remoteAddress) && !isLocal(s.remoteAddress))
      newRemote.add(s.remoteAddress);
  }
  const other = (s: Socket) => !isListening(s) && !isConnection(s);
  return {
    listenersOpened: diff.added.sockets.filter(isListening),
    listenersClosed: diff.removed.sockets.filter(isListening),
    connectionsAdded: diff.added.sockets.filter(isConnection),
    connectionsRemoved: diff.removed.sockets.filter(isConnection),
    otherAdded: diff.added.sockets.filter(other),
    otherRemoved: diff.removed.sockets.filter(other),
    processesAppeared: diff.added.processes,
    processesVanished: diff.removed.processes,
    rolesChanged: diff.changed.processes,
    newRemoteHosts: [...newRemote].sort(),
  };
}

/** Whether the diff found nothing at all. */
export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return (
    diff.added.sockets.length +
      diff.added.processes.length +
      diff.removed.sockets.length +
      diff.removed.processes.length +
      diff.changed.processes.length ===
    0
  );
}
