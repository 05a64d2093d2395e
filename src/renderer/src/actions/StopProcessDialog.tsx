/**
 * The confirmation for stopping a process: what will be lost (the process, its listeners, the
 * clients connected to them), then SIGTERM and a wait; if it is still running, SIGKILL is
 * offered, never sent unasked. The target's identity (pid, start time, executable) is the one
 * shown here when the dialog opened; the serving side re-checks it before each signal.
 */
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
import type { KillResult } from '../../../common/actions/actionApi';
import { lossLines, type KillTarget } from '../../../common/actions/killPlan';
import { DEFAULT_STOP_TIMEOUT_MS, type StopSignal } from '../../../common/actions/signals';

interface Props {
  api: SockeyeApi;
  target: KillTarget | null;
  killNote: string;
  onClose(): void;
  onActed(): void;
}

const SEVERITY: Record<KillResult['outcome'], 'success' | 'warning' | 'error' | 'info'> = {
  exited: 'success',
  'already-gone': 'success',
  'still-running': 'warning',
  refused: 'error',
  changed: 'error',
  denied: 'error',
  failed: 'error',
};

export function StopProcessDialog({ api, target, killNote, onClose, onActed }: Props) {
  const [busy, setBusy] = useState<StopSignal | null>(null);
  const [result, setResult] = useState<KillResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setResult(null);
    setError(null);
    onClose();
  };
  const send = async (signal: StopSignal) => {
    if (!target) return;
    setBusy(signal);
    setError(null);
    try {
      const r = await api.killProcess({
        pid: target.identity.pid,
        startedAt: target.identity.startedAt,
        path: target.identity.path,
        label: target.label.slice(0, 300),
        signal,
        timeoutMs: signal === 'SIGKILL' ? 2000 : DEFAULT_STOP_TIMEOUT_MS,
      });
      setResult(r);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      onActed();
    }
  };
  const done = result !== null && result.outcome !== 'still-running';
  const title = target ? `Stop ${target.label} (pid ${target.identity.pid})?` : '';
  return (
    <Dialog open={target !== null} onClose={close} aria-labelledby="stop-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="stop-dialog-title">{title}</DialogTitle>
      <DialogContent>
        {target && <TargetSummary target={target} killNote={killNote} />}
        {busy && (
          <Typography role="status" sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
            <CircularProgress size={16} /> Sent {busy}, waiting for it to exit…
          </Typography>
        )}
        {result && (
          <Alert severity={SEVERITY[result.outcome]} sx={{ mt: 1 }} role="alert">
            {result.message}
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }} role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy !== null}>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {!done && result?.outcome === 'still-running' && result.signal !== 'SIGKILL' ? (
          <Button color="error" variant="contained" disabled={busy !== null} onClick={() => void send('SIGKILL')}>
            Force stop (SIGKILL)
          </Button>
        ) : (
          !done && (
            <Button
              color="error"
              variant="contained"
              disabled={busy !== null || target?.refusal != null}
              onClick={() => void send('SIGTERM')}
            >
              Stop process
            </Button>
          )
        )}
      </DialogActions>
    </Dialog>
  );
}

/** What will be lost, which process exactly, and why Sockeye would refuse it. */
function TargetSummary({ target, killNote }: { target: KillTarget; killNote: string }) {
  return (
    <>
      <Typography variant="body2" gutterBottom>
        This will end:
      </Typography>
      <ul aria-label="What will be lost" style={{ marginTop: 0 }}>
        {lossLines(target).map((l, i) => (
          <li key={i}>
            <Typography variant="body2">{l}</Typography>
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="text.secondary" component="p">
        {killNote}. Started {target.identity.startedAt ?? 'at an unknown time'}
        {target.identity.path ? `, running ${target.identity.path}` : ''}: if the pid now belongs to another process,
        nothing is sent.
      </Typography>
      {target.refusal && (
        <Alert severity="error" sx={{ mt: 1 }}>
          Sockeye will not stop it: {target.refusal}.
        </Alert>
      )}
    </>
  );
}
