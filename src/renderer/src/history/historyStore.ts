/**
 * The history as the window knows it: the serving side's history info (recording, size, span,
 * problem), the alerts (loaded once, then pushed as `alert` events) and how many are unseen (the
 * badge). One store for the window, outside React state, like openedStore.
 */
import { useSyncExternalStore } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import type { HistoryInfo, StoredAlertView } from '../../../common/contract/historyApi';

export interface HistoryState {
  info: HistoryInfo | null;
  alerts: StoredAlertView[];
  unseen: number;
  /** The last failed call's message (one line), e.g. a refused rule. */
  error: string | null;
}

let state: HistoryState = { info: null, alerts: [], unseen: 0, error: null };
const listeners = new Set<() => void>();
const MAX_ALERTS = 500;

function set(patch: Partial<HistoryState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** A call's error as the user reads it (without the transport's code suffix). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message.replace(/ \([A-Z_]+\)$/, '') : String(err);
}

export const historyStore = {
  get: (): HistoryState => state,
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  async refreshInfo(api: SockeyeApi): Promise<void> {
    try {
      set({ info: await api.historyInfo({}) });
    } catch {
      // An older server without history: nothing to show.
    }
  },
  async loadAlerts(api: SockeyeApi): Promise<void> {
    try {
      const { alerts } = await api.historyAlerts({ limit: 200 });
      set({ alerts });
    } catch {
      // no history
    }
  },
  pushAlerts(alerts: StoredAlertView[]): void {
    const known = new Set(state.alerts.map((a) => a.id));
    const fresh = alerts.filter((a) => !known.has(a.id));
    if (fresh.length === 0) return;
    set({
      alerts: [...[...fresh].reverse(), ...state.alerts].slice(0, MAX_ALERTS),
      unseen: state.unseen + fresh.length,
    });
  },
  markSeen(): void {
    if (state.unseen > 0) set({ unseen: 0 });
  },
  fail(error: string | null): void {
    set({ error });
  },
  setInfo(info: HistoryInfo): void {
    set({ info });
  },
};

export function useHistoryState(): HistoryState {
  return useSyncExternalStore(historyStore.subscribe, historyStore.get);
}

/** Which process's story the window shows from an alert or a notification (null: none). */
let openPid: { pid: number } | null = null;
const pidListeners = new Set<() => void>();
export const openProcessStore = {
  get: () => openPid,
  subscribe(l: () => void): () => void {
    pidListeners.add(l);
    return () => pidListeners.delete(l);
  },
  open(pid: number | null): void {
    openPid = pid === null ? null : { pid };
    for (const l of pidListeners) l();
  },
};

export function useOpenProcess(): { pid: number } | null {
  return useSyncExternalStore(openProcessStore.subscribe, openProcessStore.get);
}
