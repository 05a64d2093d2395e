/**
 * The Fleet page: several hosts' snapshots read side by side (other `sockeye serve` URLs with
 * their API token, saved snapshot files, list files — read by the serving side, desktop or
 * serve), the hosts with what they serve, and the connections from one host to another.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import { visibleText } from '../ui/visibleText';
import { FleetGrids } from './FleetGrids';
import { fleetStore, sourcesOf, useFleetState } from './fleetStore';

async function load(api: SockeyeApi): Promise<void> {
  const sources = sourcesOf(fleetStore.get().sourcesText);
  if (sources.length === 0) return fleetStore.set({ error: 'Type at least one source, one per line.' });
  fleetStore.set({ loading: true, error: null });
  try {
    fleetStore.set({ fleet: await api.fleetLoad({ sources }), loading: false });
  } catch (err) {
    fleetStore.set({ loading: false, error: err instanceof Error ? err.message : String(err) });
  }
}

function HostErrors() {
  const { fleet } = useFleetState();
  const failed = fleet?.hosts.filter((h) => !h.ok) ?? [];
  if (failed.length === 0) return null;
  return (
    <Alert severity="warning" aria-label="Hosts not read">
      {failed.length} of {fleet!.hosts.length} sources could not be read; the others are merged:
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {failed.map((h, i) => (
          <li key={i}>
            <code>{visibleText(h.source)}</code>: {visibleText(h.error ?? 'failed')}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

export function FleetView({ api }: { api: SockeyeApi }) {
  const { sourcesText, fleet, loading, error } = useFleetState();
  const answered = fleet?.hosts.filter((h) => h.ok).length ?? 0;
  return (
    <Box sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2, height: '100%', overflow: 'auto' }}>
      <Typography variant="body2" color="text.secondary">
        Read other hosts&apos; snapshots and see who talks to whom across them. One source per line: another host&apos;s{' '}
        <code>sockeye serve</code> as <code>http://HOST:PORT/?token=API_TOKEN</code>, a saved snapshot file, or a file
        listing sources — read by {api.transport === 'ipc' ? 'this app' : 'the server'}.
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <TextField
          label="Sources (one per line)"
          multiline
          minRows={3}
          fullWidth
          value={sourcesText}
          onChange={(e) => fleetStore.set({ sourcesText: e.target.value })}
          placeholder={'http://10.0.0.5:7777/?token=…\n/srv/snapshots/db.json'}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        <Button variant="contained" onClick={() => void load(api)} disabled={loading} sx={{ whiteSpace: 'nowrap' }}>
          {loading ? <CircularProgress size={20} aria-label="Reading the fleet" /> : 'Read fleet'}
        </Button>
      </Box>
      {error && <Alert severity="error">{visibleText(error)}</Alert>}
      {fleet && (
        <Typography role="status">
          {fleet.hosts.length} hosts, {answered} answered · {fleet.edges.filter((e) => !e.unmatched).length} cross-host
          edges · {fleet.edges.filter((e) => e.unmatched).length} to endpoints outside the fleet
        </Typography>
      )}
      <HostErrors />
      {fleet && <FleetGrids fleet={fleet} />}
    </Box>
  );
}
