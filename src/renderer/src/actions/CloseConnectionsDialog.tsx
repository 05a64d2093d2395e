/** The confirmation for closing connections: lists them, then resets each (SOCK_DESTROY on Linux). */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { CloseResult } from '../../../common/actions/actionApi';
import { closeTargetText, type CloseTarget } from '../../../common/actions/closePlan';

interface Props {
  api: SockeyeApi;
  targets: CloseTarget[] | null;
  onClose(): void;
  onActed(): void;
}

export function CloseConnectionsDialog({ api, targets, onClose, onActed }: Props) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CloseResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setResult(null);
    setError(null);
    onClose();
  };
  const go = async () => {
    if (!targets) return;
    setBusy(true);
    try {
      setResult(await api.closeConnections({ connections: targets }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      onActed();
    }
  };
  const n = targets?.length ?? 0;
  return (
    <Dialog open={targets !== null} onClose={close} aria-labelledby="close-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="close-dialog-title">Close {n === 1 ? 'this connection' : `${n} connections`}?</DialogTitle>
      <DialogContent>
        <Typography variant="body2">
          Each gets a reset: its program sees the connection aborted, the other end sees it reset. Data not yet
          delivered is lost.
        </Typography>
        <ul aria-label="Connections to close">
          {(targets ?? []).map((t, i) => (
            <li key={i}>
              <Typography variant="body2">{closeTargetText(t)}</Typography>
            </li>
          ))}
        </ul>
        {busy && (
          <Typography role="status" sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            <CircularProgress size={16} /> Closing…
          </Typography>
        )}
        {result?.results.map((r, i) => (
          <Alert key={i} severity={r.outcome === 'closed' || r.outcome === 'gone' ? 'success' : 'error'} sx={{ mt: 1 }}>
            {closeTargetText(r.connection)}: {r.message}
          </Alert>
        ))}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {result ? 'Close' : 'Cancel'}
        </Button>
        {!result && (
          <Button color="error" variant="contained" disabled={busy || n === 0} onClick={() => void go()}>
            Close {n === 1 ? 'connection' : 'connections'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
