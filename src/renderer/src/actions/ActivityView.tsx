/** The Activity tab: every action taken or refused, newest first, from the action log. */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { ActionLogEntry } from '../../../common/actions/actionApi';
import { useActions } from './actionsContext';

export function ActivityView({ api }: { api: SockeyeApi }) {
  const { logVersion, stopOff, closeOff, info } = useActions();
  const [entries, setEntries] = useState<ActionLogEntry[] | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let alive = true;
    api.actionLog({ limit: 500 }).then(
      (r) => {
        if (!alive) return;
        setEntries(r.entries);
        setPath(r.path);
        setError(null);
      },
      (err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
    };
  }, [api, logVersion, reload]);
  return (
    <Box sx={{ p: 2, height: '100%', overflow: 'auto' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          Activity
        </Typography>
        <Button onClick={() => setReload((n) => n + 1)}>Refresh</Button>
      </Box>
      {stopOff && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Stopping processes is off: {stopOff}.
        </Alert>
      )}
      {!stopOff && closeOff && (
        <Alert severity="info" sx={{ mb: 1 }}>
          Closing connections is not possible here: {closeOff}.
        </Alert>
      )}
      {info && (
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {info.killNote}.{path ? ` Every action, done or refused, is logged to ${path}.` : ''}
        </Typography>
      )}
      {error && <Alert severity="error">Could not read the action log: {error}</Alert>}
      {entries && entries.length === 0 && <Typography>No action has been taken yet.</Typography>}
      {entries && entries.length > 0 && <ActionLogTable entries={entries} />}
    </Box>
  );
}

/** One row per logged action: when, what, on which process or connection, who asked, the outcome. */
function ActionLogTable({ entries }: { entries: ActionLogEntry[] }) {
  return (
    <Table size="small" aria-label="Action log">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Action</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Asked by</TableCell>
          <TableCell>Result</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((e, i) => (
          <TableRow key={i}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(e.time).toLocaleString()}</TableCell>
            <TableCell>{e.action === 'kill' ? `stop (${e.signal ?? '—'})` : 'close'}</TableCell>
            <TableCell>
              {e.connection ?? `${e.target.label ?? 'process'} (pid ${e.target.pid ?? '?'})`}
              {e.target.startedAt && (
                <Typography variant="caption" component="div" color="text.secondary">
                  started {e.target.startedAt}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {e.requestedBy}
              {e.client ? ` (${e.client})` : ''}
            </TableCell>
            <TableCell>
              <strong>{e.outcome}</strong>: {e.message}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
