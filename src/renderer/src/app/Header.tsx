import AppBar from '@mui/material/AppBar';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { ReactNode } from 'react';
import type { Snapshot } from '../../../common/model/model';
import type { SnapshotState } from '../state/useSnapshot';

const INTERVALS = [1000, 2000, 5000, 10000];

/** Which machine, which collector, elevated or not, and when the snapshot was taken. */
function HostFacts({ snapshot: s }: { snapshot: Snapshot }) {
  return (
    <>
      <Typography variant="body2" aria-label="Host">
        {s.host.hostname}
      </Typography>
      <Chip size="small" label={`collector: ${s.host.collector}`} />
      <Chip
        size="small"
        label={s.host.privileged ? 'elevated' : 'not elevated'}
        color={s.host.privileged ? 'success' : 'warning'}
        variant="outlined"
      />
      <Typography variant="body2" color="text.secondary" aria-label="Last refresh">
        {new Date(s.takenAt).toLocaleTimeString()}
      </Typography>
    </>
  );
}

const FIXED_HINT = 'Serving a saved snapshot (sockeye serve --snapshot): there is no live view to refresh';

/** Live refresh on or off, its interval, and "take a snapshot now". */
function RefreshControls({ state }: { state: SnapshotState }) {
  const controls = (
    <>
      <FormControlLabel
        disabled={state.fixed}
        control={
          <Switch
            checked={state.live}
            onChange={(e) => state.setLive(e.target.checked)}
            slotProps={{ input: { 'aria-label': 'Live refresh' } }}
          />
        }
        label="Live"
      />
      <Select
        size="small"
        value={state.intervalMs}
        disabled={state.fixed}
        onChange={(e) => state.setIntervalMs(Number(e.target.value))}
        inputProps={{ 'aria-label': 'Refresh interval' }}
      >
        {INTERVALS.map((ms) => (
          <MenuItem key={ms} value={ms}>
            every {ms / 1000} s
          </MenuItem>
        ))}
      </Select>
    </>
  );
  // Served with --snapshot there is no live view: the controls say so instead of doing nothing
  // (the hint wraps them only then: wrapped while live, choosing an interval failed in Chromium,
  // test/e2e/storedSettings.test.ts).
  return (
    <>
      {state.fixed ? (
        <Tooltip title={FIXED_HINT}>
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
            {controls}
          </Box>
        </Tooltip>
      ) : (
        controls
      )}
      <Tooltip title={state.fixed ? FIXED_HINT : 'Take a snapshot now'}>
        <span>
          <IconButton
            aria-label="Refresh"
            onClick={state.refresh}
            disabled={state.fixed || (state.loading && !state.snapshot)}
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
    </>
  );
}

export function Header({
  state,
  connection,
  children,
}: {
  state: SnapshotState;
  connection: string | null;
  children?: ReactNode;
}) {
  const s = state.snapshot;
  const hidden = s?.host.unmappedSockets ?? 0;
  return (
    <>
      <AppBar position="static" color="default" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>
            Sockeye
          </Typography>
          {s && <HostFacts snapshot={s} />}
          <Box sx={{ flexGrow: 1 }} />
          {children}
          {connection && <Chip size="small" color="warning" label={connection} />}
          <RefreshControls state={state} />
        </Toolbar>
      </AppBar>
      {hidden > 0 && (
        <Alert severity="info" role="status" sx={{ borderRadius: 0 }}>
          {hidden} sockets&apos; owners hidden —{' '}
          {s?.host.privileged ? 'the OS would not say who holds them' : 'run elevated to see them'}.
        </Alert>
      )}
      {s && s.warnings.length > 0 && (
        <Alert severity="warning" sx={{ borderRadius: 0 }}>
          {s.warnings.join(' · ')}
        </Alert>
      )}
    </>
  );
}
