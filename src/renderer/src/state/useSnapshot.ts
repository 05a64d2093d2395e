/**
 * The renderer's one source of truth: the current snapshot, kept fresh by live refresh
 * (deltas applied in place, a whole snapshot when out of step), plus loading/error state and
 * what changed recently (for the green "new" and faded red "gone" rows).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Process, Snapshot, Socket } from '../../../common/model/model';
import { applyDelta, socketKeys } from '../../../common/snapshot/snapshotDelta';
import { intervalSetting, liveSetting, readSetting, writeSetting } from './settings';

export const HIGHLIGHT_MS = 4000;

export interface Changes {
  /** Keys of sockets that appeared, with when they stop being "new". */
  added: Map<string, number>;
  /** Sockets that disappeared (with the process that held them), kept visible (faded) until `until`. */
  gone: { key: string; socket: Socket; process?: Process; until: number }[];
  /** Each current socket's key (socketKeys over the whole snapshot): stable row ids for every view (absent: compute them). */
  keyOf?: ReadonlyMap<Socket, string>;
  /** Processes that appeared (pid → until) and that disappeared, for the Processes view. */
  processesAdded?: Map<number, number>;
  processesGone?: { process: Process; until: number }[];
  /**
   * Live mode: when each current socket was first seen (ms since the epoch: the `takenAt` of the
   * snapshot it first appeared in). Sockets already there in the first snapshot have `seenSince`:
   * they are at least that old.
   */
  firstSeen?: Map<string, number>;
  seenSince?: number;
}

export const NO_CHANGES: Changes = {
  added: new Map(),
  gone: [],
  keyOf: new Map(),
  processesAdded: new Map(),
  processesGone: [],
};

const keyMaps = new WeakMap<readonly Socket[], Map<Socket, string>>();

/** Socket → key for one snapshot's sockets, computed once per sockets array. */
export function socketKeyMap(sockets: readonly Socket[]): Map<Socket, string> {
  let m = keyMaps.get(sockets);
  if (!m) {
    const keys = socketKeys(sockets);
    m = new Map(sockets.map((s, i) => [s, keys[i]!]));
    keyMaps.set(sockets, m);
  }
  return m;
}

export interface SnapshotState {
  snapshot: Snapshot | null;
  error: string | null;
  loading: boolean;
  live: boolean;
  intervalMs: number;
  changes: Changes;
  refresh(): void;
  /** Served by `sockeye serve --snapshot`: no live view exists, so Live and Refresh are off. */
  fixed?: boolean;
  setLive(on: boolean): void;
  setIntervalMs(ms: number): void;
}

export function diffKeys(prev: Snapshot | null, next: Snapshot, now: number, old: Changes): Changes {
  const added = new Map([...old.added].filter(([, until]) => until > now));
  const gone = old.gone.filter((g) => g.until > now);
  const processesAdded = new Map([...(old.processesAdded ?? [])].filter(([, until]) => until > now));
  const processesGone = (old.processesGone ?? []).filter((g) => g.until > now);
  const nextKeyOf = socketKeyMap(next.sockets);
  const seen = firstSeenOf(next, nextKeyOf, old);
  if (!prev) return { added, gone, keyOf: nextKeyOf, processesAdded, processesGone, ...seen };
  const prevKeyOf = socketKeyMap(prev.sockets);
  const nextKeys = new Set(nextKeyOf.values());
  const prevKeys = new Set(prevKeyOf.values());
  for (const k of nextKeys) if (!prevKeys.has(k)) added.set(k, now + HIGHLIGHT_MS);
  const prevProcs = new Map(prev.processes.map((p) => [p.pid, p]));
  for (const [s, k] of prevKeyOf) {
    if (!nextKeys.has(k))
      gone.push({
        key: k,
        socket: s,
        process: s.pid === null ? undefined : prevProcs.get(s.pid),
        until: now + HIGHLIGHT_MS,
      });
  }
  const nextPids = new Set(next.processes.map((p) => p.pid));
  for (const p of next.processes) if (!prevProcs.has(p.pid)) processesAdded.set(p.pid, now + HIGHLIGHT_MS);
  for (const p of prev.processes)
    if (!nextPids.has(p.pid)) processesGone.push({ process: p, until: now + HIGHLIGHT_MS });
  return {
    added,
    gone: gone.filter((g) => !nextKeys.has(g.key)),
    keyOf: nextKeyOf,
    processesAdded,
    processesGone: processesGone.filter((g) => !nextPids.has(g.process.pid)),
    ...seen,
  };
}

/** First-seen times carried over, new sockets stamped with this snapshot's time, gone ones dropped. */
function firstSeenOf(
  next: Snapshot,
  keyOf: ReadonlyMap<Socket, string>,
  old: Changes,
): Pick<Changes, 'firstSeen' | 'seenSince'> {
  const at = Date.parse(next.takenAt);
  const before = old.firstSeen;
  if (before && old.keyOf === keyOf) return { firstSeen: before, seenSince: old.seenSince };
  const firstSeen = new Map<string, number>();
  for (const k of keyOf.values()) firstSeen.set(k, before?.get(k) ?? at);
  return { firstSeen, seenSince: old.seenSince ?? at };
}

export interface SnapshotOptions {
  /**
   * Stop live refresh for now without changing the user's setting (a saved snapshot is being
   * browsed: collecting every second for a view nobody sees costs a fifth of a core at 20k
   * sockets). Back to false, it resumes and catches up at once.
   */
  suspended?: boolean;
}

export function useSnapshot(api: SockeyeApi, { suspended = false }: SnapshotOptions = {}): SnapshotState {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [live, setLive] = useState(() => readSetting(liveSetting));
  const [intervalMs, setIntervalMs] = useState(() => readSetting(intervalSetting));
  const [changes, setChanges] = useState<Changes>(NO_CHANGES);
  const current = useRef<Snapshot | null>(null);
  // Counts accepted snapshots: a refresh's answer is dropped when live data arrived while it was
  // on its way, so the view never steps back to an older snapshot (live deltas then stay in step).
  const accepted = useRef(0);

  const accept = useCallback((next: Snapshot) => {
    accepted.current++;
    performance.mark('sockeye:snapshot-received');
    const prev = current.current;
    current.current = next;
    // In a task of its own (parsing the message took the last one), and as a transition React
    // renders 20k rows in slices that yield to the browser, instead of one long task that
    // freezes the page (the UI bench's long-task budget).
    setTimeout(() =>
      startTransition(() => {
        setChanges((old) => diffKeys(prev, next, Date.now(), old));
        setSnapshot(next);
        setError(null);
        setLoading(false);
      }),
    );
  }, []);

  const refresh = useCallback(() => {
    setLoading(true);
    const asked = accepted.current;
    api.snapshot({}).then(
      (next) => {
        if (accepted.current === asked) accept(next);
        else setLoading(false);
      },
      (err: Error) => {
        setError(err.message);
        setLoading(false);
      },
    );
  }, [api, accept]);

  useEffect(() => {
    refresh();
    return api.onEvent((event) => {
      if (event.type === 'snapshot') accept(event.snapshot);
      else if (event.type !== 'delta')
        return; // menu commands are someone else's
      else if (current.current && current.current.takenAt === event.delta.baseTakenAt)
        accept(applyDelta(current.current, event.delta));
      else refresh(); // out of step: ask for the whole
    });
  }, [api, accept, refresh]);

  useEffect(() => {
    writeSetting(liveSetting, live);
    writeSetting(intervalSetting, intervalMs);
    api
      .live({ enabled: live && !suspended, intervalMs, base: current.current?.takenAt ?? null })
      .catch((err: Error) => setError(err.message));
  }, [api, live, intervalMs, suspended]);

  // Expire highlights even when nothing new arrives (paused).
  useEffect(() => {
    if (
      changes.added.size === 0 &&
      changes.gone.length === 0 &&
      !changes.processesAdded?.size &&
      !changes.processesGone?.length
    )
      return;
    const t = setTimeout(() => setChanges((old) => diffKeys(null, current.current!, Date.now(), old)), HIGHLIGHT_MS);
    return () => clearTimeout(t);
  }, [changes]);

  return { snapshot, error, loading, live, intervalMs, changes, refresh, setLive, setIntervalMs };
}
