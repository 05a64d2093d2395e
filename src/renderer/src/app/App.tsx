import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { SockeyeApi } from '../../../common/contract/api';
import { appTheme } from './appTheme';
import { Header } from './Header';
import { TABS } from './tabs';
import { useSnapshot } from '../state/useSnapshot';
import { SavedSnapshotBanner } from '../savedSnapshot/SavedSnapshotBanner';
import { SnapshotDropZone } from '../savedSnapshot/SnapshotDropZone';
import { SnapshotFileActions } from '../savedSnapshot/SnapshotFileActions';
import { useSavedOrLive } from '../savedSnapshot/useSavedOrLive';
import { useOpened } from '../savedSnapshot/openedStore';
import { DnsResolverProvider } from '../dns/DnsResolverContext';
import { FilterBar } from '../filter/FilterBar';
import { FilterStore, useAppliedFilter } from '../filter/filterStore';
import { useFilteredSnapshot } from '../filter/useFilteredSnapshot';
import { ActionsProvider } from '../actions/ActionsProvider';
import { trafficHistory } from '../traffic/trafficHistory';
import { TimelineBar } from '../history/TimelineBar';
import { HistoryApiProvider } from '../history/historyApiContext';
import { useHistoryFeed } from '../history/useHistoryFeed';
import { AlertStoryDrawer } from '../history/AlertStoryDrawer';

/** The chosen tab lives in the URL hash, so it survives a reload and can be linked to. */
function tabFromHash(): string {
  const id = window.location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === id) ? id : TABS[0]!.id;
}

/** The chosen tab, following the hash (back, forward, a link) and writing it on a choice. */
function useTabInHash(): [string, (tab: string) => void] {
  const [tab, setTab] = useState(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const choose = (v: string) => {
    setTab(v);
    window.history.replaceState(null, '', `#${v}`);
  };
  return [tab, choose];
}

function ViewTabs({ tab, onChange }: { tab: string; onChange(tab: string): void }) {
  return (
    <Tabs
      value={tab}
      onChange={(_e, v: string) => onChange(v)}
      aria-label="Views"
      sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
    >
      {TABS.map((t) => (
        <Tab
          key={t.id}
          value={t.id}
          label={t.Label ? <t.Label /> : t.label}
          id={`tab-${t.id}`}
          aria-controls={`panel-${t.id}`}
        />
      ))}
    </Tabs>
  );
}

/** Before the first snapshot: why it failed, or that it is on its way. */
function NoSnapshotYet({ error }: { error: string | null }) {
  if (error) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        Could not take a snapshot: {error}
      </Alert>
    );
  }
  return (
    <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }} role="status">
      <CircularProgress size={24} aria-label="Loading" />
      <Typography>Taking a snapshot…</Typography>
    </Box>
  );
}

export function App({ api, connection }: { api: SockeyeApi; connection: string | null }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const theme = useMemo(() => appTheme(dark), [dark]);
  // Live refresh rests while a saved snapshot is browsed (the user's setting is kept).
  const { opened } = useOpened();
  const liveState = useSnapshot(api, { suspended: opened !== null && !opened.fixed });
  // Traffic history follows live snapshots only (a saved one is a moment, not a trend).
  useEffect(() => trafficHistory.push(liveState.snapshot), [liveState.snapshot]);
  // While a saved snapshot is open, every view, the filter and the header browse it instead.
  const state = useSavedOrLive(liveState, api);
  // The filter is applied once here; every view gets the filtered snapshot (and the whole one).
  const [filterStore] = useState(() => new FilterStore());
  const filtered = useFilteredSnapshot(state.snapshot, state.changes, useAppliedFilter(filterStore));
  const [tab, setTab] = useTabInHash();
  useHistoryFeed(api);
  const current = TABS.find((t) => t.id === tab)!;
  // The same element while its inputs are the same: a keystroke re-renders the box, not the grid.
  const filterText = filtered.source;
  const view = useMemo(
    () =>
      state.snapshot
        ? current.render({
            snapshot: filtered.snapshot ?? state.snapshot,
            full: state.snapshot,
            changes: filtered.changes,
            api,
            setFilter: filterStore.narrow,
            filterText,
            saved: opened !== null,
          })
        : null,
    [current, state.snapshot, filtered.snapshot, filtered.changes, api, filterStore, filterText, opened],
  );

  return (
    <ThemeProvider theme={theme}>
      <DnsResolverProvider api={api}>
        <ActionsProvider api={api} snapshot={state.snapshot} saved={opened !== null}>
          <HistoryApiProvider api={api}>
            <CssBaseline />
            <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
              <Header state={state} connection={connection}>
                <SnapshotFileActions
                  api={api}
                  full={state.snapshot}
                  shown={filtered.snapshot ?? state.snapshot}
                  filterExpr={filtered.source}
                />
              </Header>
              {!opened?.fixed && <TimelineBar api={api} onCompare={() => setTab('compare')} />}
              <SavedSnapshotBanner />
              <SnapshotDropZone />
              {/* The main landmark: the filter, the tabs and the view (the header is the banner). */}
              <Box component="main" sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}>
                <FilterBar
                  store={filterStore}
                  shown={filtered.snapshot}
                  full={state.snapshot}
                  source={filtered.source}
                />
                <ViewTabs tab={tab} onChange={setTab} />
                <Box
                  role="tabpanel"
                  id={`panel-${tab}`}
                  aria-labelledby={`tab-${tab}`}
                  sx={{ flexGrow: 1, minHeight: 0 }}
                >
                  {state.snapshot ? view : <NoSnapshotYet error={state.error} />}
                </Box>
              </Box>
              {state.snapshot && state.error && (
                <Alert severity="warning" sx={{ borderRadius: 0 }}>
                  {state.error} — showing the last snapshot from {new Date(state.snapshot.takenAt).toLocaleTimeString()}
                  .
                </Alert>
              )}
              {state.snapshot && <AlertStoryDrawer snapshot={state.snapshot} />}
            </Box>
          </HistoryApiProvider>
        </ActionsProvider>
      </DnsResolverProvider>
    </ThemeProvider>
  );
}
