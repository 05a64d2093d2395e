/**
 * The renderer's one source of truth: the current snapshot, kept fresh by live refresh
 * (deltas applied in place, a whole snapshot when out of step), plus loading/error state and
 * what changed recently (for the green "new" and faded red "gone" rows).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SockeyeApi } from '../../shared/api';
import type { Snapshot, Socket } from '../../shared/model';
import { applyDelta, socketKeys } from '../../shared/snapshotDelta';

export const HIGHLIGHT_MS = 4000;

export interface Changes {
  /** Keys of sockets that appeared, with when they stop being "new". */
  added: Map<string, number>;
  /** Sockets that disappeared, kept visible (faded) until `until`. */
  gone: { key: string; socket: Socket; until: number }[];
}

export interface SnapshotState {
  snapshot: Snapshot | null;
  error: string | null;
  loading: boolean;
  live: boolean;
  intervalMs: number;
  changes: Changes;
  refresh(): void;
  setLive(on: boolean): void;
  setIntervalMs(ms: number): void;
}

function diffKeys(prev: Snapshot | null, next: Snapshot, now: number, old: Changes): Changes {
  const added = new Map([...old.added].filter(([, until]) => until > now));
  const gone = old.gone.filter((g) => g.until > now);
  if (!prev) return { added, gone };
  const prevKeys = socketKeys(prev.sockets);
  const nextKeys = new Set(socketKeys(next.sockets));
  const prevSet = new Set(prevKeys);
  for (const k of nextKeys) if (!prevSet.has(k)) added.set(k, now + HIGHLIGHT_MS);
  prev.sockets.forEach((s, i) => {
    const k = prevKeys[i]!;
    if (!nextKeys.has(k)) gone.push({ key: k, socket: s, until: now + HIGHLIGHT_MS });
  });
  return { added, gone: gone.filter((g) => !nextKeys.has(g.key)) };
}

export function useSnapshot(api: SockeyeApi): SnapshotState {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [live, setLive] = useState(() => localStorage.getItem('sockeye.live') !== 'off');
  const [intervalMs, setIntervalMs] = useState(() => Number(localStorage.getItem('sockeye.interval')) || 1000);
  const [changes, setChanges] = useState<Changes>({ added: new Map(), gone: [] });
  const current = useRef<Snapshot | null>(null);

  const accept = useCallback((next: Snapshot) => {
    performance.mark('sockeye:snapshot-received');
    const prev = current.current;
    current.current = next;
    setChanges((old) => diffKeys(prev, next, Date.now(), old));
    setSnapshot(next);
    setError(null);
    setLoading(false);
  }, []);

  const refresh = useCallback(() => {
    setLoading(true);
    api.snapshot({}).then(accept, (err: Error) => {
      setError(err.message);
      setLoading(false);
    });
  }, [api, accept]);

  useEffect(() => {
    refresh();
    return api.onEvent((event) => {
      if (event.type === 'snapshot') accept(event.snapshot);
      else if (current.current && current.current.takenAt === event.delta.baseTakenAt) accept(applyDelta(current.current, event.delta));
      else refresh(); // out of step: ask for the whole
    });
  }, [api, accept, refresh]);

  useEffect(() => {
    localStorage.setItem('sockeye.live', live ? 'on' : 'off');
    localStorage.setItem('sockeye.interval', String(intervalMs));
    api.live({ enabled: live, intervalMs, base: current.current?.takenAt ?? null }).catch((err: Error) => setError(err.message));
  }, [api, live, intervalMs]);

  // Expire highlights even when nothing new arrives (paused).
  useEffect(() => {
    if (changes.added.size === 0 && changes.gone.length === 0) return;
    const t = setTimeout(() => setChanges((old) => diffKeys(null, current.current!, Date.now(), old)), HIGHLIGHT_MS);
    return () => clearTimeout(t);
  }, [changes]);

  return { snapshot, error, loading, live, intervalMs, changes, refresh, setLive, setIntervalMs };
}
