/**
 * A grid toolbar for reverse lookups: "Resolve all visible" (the rows on screen, a few lookups at
 * a time, with progress and Stop) and the setting that resolves addresses automatically.
 */
import { useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { gridRenderContextSelector, gridVisibleRowsSelector, useGridApiContext } from '@mui/x-data-grid';
import { isResolvableAddress } from '../../../common/dns/dnsAddress';
import { useDnsResolver, useDnsSettings } from './DnsResolverContext';

/** Where a grid row keeps its remote address (Connections rows hold the socket). */
function remoteOf(row: unknown): string | null {
  const r = row as { socket?: { remoteAddress?: string | null }; remoteAddress?: string | null };
  return r.socket?.remoteAddress ?? r.remoteAddress ?? null;
}

export function DnsGridToolbar() {
  const apiRef = useGridApiContext();
  const store = useDnsResolver();
  const [settings, setSettings] = useDnsSettings();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // Each run has a number, so a stopped run's late completions do not bring the progress back.
  const run = useRef(0);
  if (!store || !settings) return null;

  const resolveVisible = async () => {
    const { rows } = gridVisibleRowsSelector(apiRef);
    const ctx = gridRenderContextSelector(apiRef);
    const onScreen = rows.slice(ctx.firstRowIndex, Math.max(ctx.lastRowIndex, ctx.firstRowIndex + 1));
    const addresses = [...new Set(onScreen.map((r) => remoteOf(r.model)).filter(isResolvableAddress))].filter(
      (a) => !store.isSettled(a),
    );
    if (addresses.length === 0) return;
    const id = ++run.current;
    let done = 0;
    setProgress({ done, total: addresses.length });
    await Promise.all(
      addresses.map((a) =>
        store
          .resolve(a, { bulk: true })
          .then(() => run.current === id && setProgress({ done: ++done, total: addresses.length })),
      ),
    );
    if (run.current === id) setProgress(null);
  };

  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider' }}
    >
      <Button size="small" variant="outlined" onClick={() => void resolveVisible()} disabled={progress !== null}>
        Resolve all visible
      </Button>
      {progress && (
        <>
          <Typography variant="body2" role="status">
            Resolving {progress.done} of {progress.total}…
          </Typography>
          <Button
            size="small"
            onClick={() => {
              run.current++;
              store.cancelQueued();
              setProgress(null);
            }}
          >
            Stop resolving
          </Button>
        </>
      )}
      <FormControlLabel
        sx={{ ml: 'auto' }}
        control={
          <Switch size="small" checked={settings.auto} onChange={(e) => setSettings({ auto: e.target.checked })} />
        }
        label="Resolve names automatically"
      />
    </Box>
  );
}
