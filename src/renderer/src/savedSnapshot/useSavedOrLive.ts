/**
 * While a saved snapshot is open, the whole window browses it: this wraps the live snapshot
 * state so every view, the filter and the header see the saved one (no "new"/"gone"
 * highlights, live refresh shown off). Turning live refresh on or refreshing goes back to live.
 * It also learns whether the server itself serves a saved file (`sockeye serve --snapshot`)
 * and carries out the desktop menu's Open… and Export… commands.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import { NO_CHANGES, socketKeyMap, type SnapshotState } from '../state/useSnapshot';
import { openedStore, useOpened } from './openedStore';

export function useSavedOrLive(live: SnapshotState, api: SockeyeApi): SnapshotState {
  const { opened } = useOpened();
  const [servedFile, setServedFile] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    api.source({}).then(
      (s) => {
        if (!gone && s.kind === 'saved') setServedFile(s.name ?? 'saved snapshot');
      },
      () => {}, // an older server without `source` serves live data
    );
    const off = api.onEvent((event) => {
      if (event.type !== 'menu') return;
      if (event.command === 'open') void openedStore.openWithDialog(api);
      else openedStore.requestExport();
    });
    return () => {
      gone = true;
      off();
    };
  }, [api]);

  // The server answers `snapshot` with its saved file: mark it as such once it arrives.
  useEffect(() => {
    if (servedFile && live.snapshot && !opened) openedStore.show(live.snapshot, servedFile, true);
  }, [servedFile, live.snapshot, opened]);

  return useMemo(() => {
    if (!opened) return live;
    const backToLive = () => {
      openedStore.close();
      // Live refresh on: closing the file resumes it (useSnapshot), and its first tick, at once,
      // brings the fresh snapshot; asking for one as well would collect everything twice.
      if (!live.live) live.refresh();
    };
    return {
      ...live,
      snapshot: opened.snapshot,
      error: null,
      loading: false,
      live: false,
      changes: { ...NO_CHANGES, keyOf: socketKeyMap(opened.snapshot.sockets) },
      refresh: opened.fixed ? () => {} : backToLive,
      fixed: opened.fixed,
      setLive: (on: boolean) => {
        if (on && !opened.fixed) {
          openedStore.close();
          live.setLive(true);
        }
      },
    };
  }, [live, opened]);
}
