/**
 * Which saved snapshot, if any, the window is browsing. One store for the whole window (the
 * header, the banner, drag and drop, the Compare tab and menu commands all read it), kept
 * outside React state so none of them needs a provider threaded through the app.
 */
import { useSyncExternalStore } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import { readSnapshotBlob } from './readSnapshotFile';

export interface OpenedSnapshot {
  snapshot: Snapshot;
  /** The file's name. */
  name: string;
  /** Served by `sockeye serve --snapshot`: there is no live view to go back to. */
  fixed: boolean;
  /** What was wrong with the file but did not stop it opening (bytes that are not UTF-8). */
  warnings: string[];
}

export interface OpenedState {
  opened: OpenedSnapshot | null;
  /** Why the last open failed; nothing else changed. */
  error: string | null;
  busy: boolean;
  /** Bumped by File › Export… in the desktop menu, to open the export dialog. */
  exportRequests: number;
}

let state: OpenedState = { opened: null, error: null, busy: false, exportRequests: 0 };
const listeners = new Set<() => void>();

function set(patch: Partial<OpenedState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export const openedStore = {
  get: (): OpenedState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Browse `snapshot` (already validated) instead of the live view. */
  show(snapshot: Snapshot, name: string, fixed = false, warnings: string[] = []): void {
    set({ opened: { snapshot, name, fixed, warnings }, error: null, busy: false });
  },
  /** Back to the live view (not possible when the server itself serves a saved snapshot). */
  close(): void {
    if (state.opened?.fixed) return;
    set({ opened: null, error: null });
  },
  fail(error: string): void {
    set({ error, busy: false });
  },
  dismissError(): void {
    set({ error: null });
  },
  requestExport(): void {
    set({ exportRequests: state.exportRequests + 1 });
  },
  /** Open a file the user picked or dropped in the page. */
  async openFile(file: File): Promise<void> {
    set({ busy: true, error: null });
    const result = await readSnapshotBlob(file);
    if (result.ok) openedStore.show(result.snapshot, file.name, false, result.warnings);
    else openedStore.fail(`Could not open ${file.name}: ${result.error}`);
  },
  /** Desktop: the main process shows its Open dialog, reads and validates the file. */
  async openWithDialog(api: SockeyeApi): Promise<void> {
    set({ busy: true, error: null });
    try {
      const r = await api.openSnapshot({});
      if (r.canceled || !r.snapshot) set({ busy: false });
      else openedStore.show(r.snapshot, r.name ?? 'snapshot', false, r.warnings ?? []);
    } catch (err) {
      openedStore.fail(
        `Could not open the snapshot: ${err instanceof Error ? err.message.replace(/ \([A-Z_]+\)$/, '') : String(err)}`,
      );
    }
  },
};

/** The opened-snapshot state, re-rendering on change. */
export function useOpened(): OpenedState {
  return useSyncExternalStore(openedStore.subscribe, openedStore.get);
}
