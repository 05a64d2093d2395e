/**
 * The last minutes of traffic, one point per live tick: rates per process, remote host and
 * interface, for the Traffic view's chart, the Processes sparklines and the Addresses
 * throughput. Kept outside React (a small store read with useSyncExternalStore) so it goes on
 * filling while other tabs are shown; a saved snapshot never enters it.
 */
import { useSyncExternalStore } from 'react';
import type { Snapshot } from '../../../common/model/model';

export interface RatePair {
  send: number;
  receive: number;
}

export interface TrafficPoint {
  /** Milliseconds since the epoch (the snapshot's takenAt). */
  t: number;
  processes: Map<number, RatePair>;
  remotes: Map<string, RatePair>;
  interfaces: Map<string, RatePair>;
}

/** Points kept: five minutes at the default one-second refresh. */
export const HISTORY_POINTS = 300;

export class TrafficHistory {
  private points: TrafficPoint[] = [];
  private lastTakenAt: string | null = null;
  private listeners = new Set<() => void>();
  private version = 0;

  /** Add the snapshot's rates (once per snapshot; snapshots without rates are skipped). */
  push(snapshot: Snapshot | null): void {
    const t = snapshot?.traffic;
    if (!snapshot || !t || snapshot.takenAt === this.lastTakenAt) return;
    const interfaces = new Map<string, RatePair>();
    for (const i of t.interfaces)
      if (i.sendRate !== null && i.receiveRate !== null)
        interfaces.set(i.name, { send: i.sendRate, receive: i.receiveRate });
    if (t.intervalMs === null && interfaces.size === 0) return;
    this.lastTakenAt = snapshot.takenAt;
    const processes = new Map<number, RatePair>();
    const remotes = new Map<string, RatePair>();
    if (t.intervalMs !== null) {
      for (const p of t.processes) processes.set(p.pid, { send: p.sendRate ?? 0, receive: p.receiveRate ?? 0 });
      for (const r of t.remoteHosts) remotes.set(r.address, { send: r.sendRate ?? 0, receive: r.receiveRate ?? 0 });
    }
    this.points = [
      ...this.points.slice(-(HISTORY_POINTS - 1)),
      { t: Date.parse(snapshot.takenAt), processes, remotes, interfaces },
    ];
    this.version++;
    for (const l of this.listeners) l();
  }

  get snapshot(): readonly TrafficPoint[] {
    return this.points;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
}

/** The one history of this window. */
export const trafficHistory = new TrafficHistory();

/** The points, re-rendering on each new one. */
export function useTrafficHistory(history: TrafficHistory = trafficHistory): readonly TrafficPoint[] {
  useSyncExternalStore(history.subscribe, history.getVersion);
  return history.snapshot;
}

/** One series (send + receive) of a key over the history, 0 where it was absent. */
export function seriesOf<K>(
  points: readonly TrafficPoint[],
  pick: (p: TrafficPoint) => Map<K, RatePair>,
  key: K,
): number[] {
  return points.map((p) => {
    const r = pick(p).get(key);
    return r ? r.send + r.receive : 0;
  });
}
