/**
 * What the Fleet page holds while the app runs: the sources typed (kept across tab switches,
 * never written to storage — a source may carry an API token) and the last fleet read.
 */
import { useSyncExternalStore } from 'react';
import type { Fleet } from '../../../common/fleet/fleetModel';

export interface FleetState {
  sourcesText: string;
  fleet: Fleet | null;
  loading: boolean;
  error: string | null;
}

let state: FleetState = { sourcesText: '', fleet: null, loading: false, error: null };
const listeners = new Set<() => void>();

export const fleetStore = {
  get: () => state,
  set(patch: Partial<FleetState>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export const useFleetState = () => useSyncExternalStore(fleetStore.subscribe, fleetStore.get);

/** The sources in the box: one per line, `#` comments and blank lines left out. */
export function sourcesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l.length > 0);
}
