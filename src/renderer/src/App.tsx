import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { ThemeProvider, createTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { SockeyeApi } from '../../shared/api';
import { Header } from './components/Header';
import { TABS } from './tabs';
import { useSnapshot } from './useSnapshot';
import { SavedSnapshotBanner } from './components/SavedSnapshotBanner';
import { SnapshotDropZone } from './components/SnapshotDropZone';
import { SnapshotFileActions } from './components/SnapshotFileActions';
import { useSavedOrLive } from './savedSnapshot/useSavedOrLive';
import { useOpened } from './savedSnapshot/openedStore';
import { DnsResolverProvider } from './dns/DnsResolverContext';
import { FilterBar } from './components/FilterBar';
import { FilterStore, useAppliedFilter } from './filter/filterStore';
import { useFilteredSnapshot } from './filter/useFilteredSnapshot';

/** The chosen tab lives in the URL hash, so it survives a reload and can be linked to. */
function tabFromHash(): string {
  const id = window.location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === id) ? id : TABS[0]!.id;
}

export function App({ api, connection }: { api: SockeyeApi; connection: string | null }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const theme = useMemo(
    () =>
      createTheme({
        // Secondary (the role Both) is purple: red reads as an error, and Both is not one.
        // Colours chosen for WCAG AA (4.5:1) text, checked by axe-core in both schemes
        // (test/e2e/accessibility.test.ts): MUI's default info and warning are too light on white
        // and its 3:1 threshold picks white text on light chips.
        palette: {
          mode: dark ? 'dark' : 'light',
          contrastThreshold: 4.5,
          primary: { main: dark ? '#5ab8d6' : '#0d6e8a' },
          secondary: { main: dark ? '#c39be0' : '#7b4fa0' },
          ...(dark ? {} : { info: { main: '#075985' }, warning: { main: '#92400e' }, success: { main: '#1b5e20' } }),
        },
        components: {
          // Every tooltip here is a plain hint. Interactive (MUI's default), one stays open while the
          // pointer is on it and takes the clicks meant for what it covers — a quick chip's hint
          // sits over the tabs, which then could not be clicked (seen in the DNS end-to-end test).
          MuiTooltip: { defaultProps: { disableInteractive: true } },
          MuiDataGrid: {
            styleOverrides: {
              root: {
                // Light tints and no fading: a faded row's text failed WCAG contrast (axe-core);
                // a gone row reads as gone by its red tint and italics instead.
                '& .row-new': { backgroundColor: dark ? 'rgba(46,160,67,0.12)' : 'rgba(46,160,67,0.12)' },
                '& .row-gone': {
                  backgroundColor: dark ? 'rgba(218,54,51,0.12)' : 'rgba(218,54,51,0.08)',
                  fontStyle: 'italic',
                },
              },
            },
          },
        },
      } as Parameters<typeof createTheme>[0]),
    [dark],
  );
  // Live refresh rests while a saved snapshot is browsed (the user's setting is kept).
  const { opened } = useOpened();
  const liveState = useSnapshot(api, { suspended: opened !== null && !opened.fixed });
  // While a saved snapshot is open, every view, the filter and the header browse it instead.
  const state = useSavedOrLive(liveState, api);
  // The filter is applied once here; every view gets the filtered snapshot (and the whole one).
  const [filterStore] = useState(() => new FilterStore());
  const filtered = useFilteredSnapshot(state.snapshot, state.changes, useAppliedFilter(filterStore));
  const [tab, setTab] = useState(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
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
          })
        : null,
    [current, state.snapshot, filtered.snapshot, filtered.changes, api, filterStore, filterText],
  );

  return (
    <ThemeProvider theme={theme}>
      <DnsResolverProvider api={api}>
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
          <SavedSnapshotBanner />
          <SnapshotDropZone />
          {/* The main landmark: the filter, the tabs and the view (the header is the banner). */}
          <Box component="main" sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}>
            <FilterBar store={filterStore} shown={filtered.snapshot} full={state.snapshot} source={filtered.source} />
            <Tabs
              value={tab}
              onChange={(_e, v: string) => {
                setTab(v);
                window.history.replaceState(null, '', `#${v}`);
              }}
              aria-label="Views"
              sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
            >
              {TABS.map((t) => (
                <Tab key={t.id} value={t.id} label={t.label} id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} />
              ))}
            </Tabs>
            <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} sx={{ flexGrow: 1, minHeight: 0 }}>
              {state.snapshot ? (
                view
              ) : state.error ? (
                <Alert severity="error" sx={{ m: 2 }}>
                  Could not take a snapshot: {state.error}
                </Alert>
              ) : (
                <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }} role="status">
                  <CircularProgress size={24} aria-label="Loading" />
                  <Typography>Taking a snapshot…</Typography>
                </Box>
              )}
            </Box>
          </Box>
          {state.snapshot && state.error && (
            <Alert severity="warning" sx={{ borderRadius: 0 }}>
              {state.error} — showing the last snapshot from {new Date(state.snapshot.takenAt).toLocaleTimeString()}.
            </Alert>
          )}
        </Box>
      </DnsResolverProvider>
    </ThemeProvider>
  );
}
