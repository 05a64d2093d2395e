/** One side of a comparison: this view, a snapshot taken now, a saved file, or a recorded moment. */
import { visibleText } from '../ui/visibleText';
import { useRef, useState, type RefObject } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import { readSnapshotBlob } from '../savedSnapshot/readSnapshotFile';
import { MomentPicker } from '../history/MomentPicker';

export interface Side {
  snapshot: Snapshot;
  label: string;
  /** What opening its file found wrong but survivable (bytes that are not UTF-8), said under the label. */
  warnings?: string[];
}

type OnPick = (side: Side | null, error?: string) => void;

function when(s: Snapshot): string {
  return `${new Date(s.takenAt).toLocaleString()} on ${visibleText(s.host.hostname)}`;
}

/** Opening a file (the desktop's dialog, else the page's file input) and taking a snapshot now. */
function useSideSources(api: SockeyeApi, side: Side | null, onPick: OnPick, input: RefObject<HTMLInputElement | null>) {
  const [busy, setBusy] = useState(false);
  const openFile = async () => {
    if (api.transport !== 'ipc') return input.current?.click();
    setBusy(true);
    try {
      const r = await api.openSnapshot({});
      if (!r.canceled && r.snapshot)
        onPick({ snapshot: r.snapshot, label: `Saved snapshot ${r.name ?? ''}`, warnings: r.warnings ?? [] });
    } catch (err) {
      onPick(side, err instanceof Error ? err.message.replace(/ \([A-Z_]+\)$/, '') : String(err));
    } finally {
      setBusy(false);
    }
  };
  const takeNow = async () => {
    setBusy(true);
    try {
      onPick({ snapshot: await api.snapshot({}), label: 'Snapshot taken now' });
    } catch (err) {
      onPick(side, `Could not take a snapshot: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return { busy, openFile, takeNow };
}

export function SidePicker({
  name,
  side,
  current,
  api,
  canTakeNow,
  onPick,
}: {
  name: 'Earlier' | 'Later';
  side: Side | null;
  current: Side;
  api: SockeyeApi;
  canTakeNow: boolean;
  onPick: OnPick;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, openFile, takeNow } = useSideSources(api, side, onPick, input);
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, flex: 1, minWidth: 280 }}
      component="section"
      aria-label={`${name} snapshot`}
    >
      <Typography variant="overline">{name}</Typography>
      <Typography variant="body2" sx={{ minHeight: '2.8em' }}>
        {side ? (
          <>
            <strong>{side.label}</strong>
            <br />
            taken {when(side.snapshot)}
          </>
        ) : (
          'Not chosen yet'
        )}
      </Typography>
      {side?.warnings?.map((w) => (
        <Typography key={w} variant="body2" color="warning.main" role="status" aria-label={`${name} file warning`}>
          {visibleText(w)}
        </Typography>
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
        <Button size="small" onClick={() => onPick(current)} disabled={busy}>
          Use this view
        </Button>
        {canTakeNow && (
          <Button size="small" onClick={() => void takeNow()} disabled={busy}>
            Take one now
          </Button>
        )}
        <Button size="small" onClick={() => void openFile()} disabled={busy}>
          Open file…
        </Button>
        <MomentPicker name={name} onPick={(picked, error) => (picked ? onPick(picked) : onPick(side, error))} />
      </Stack>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={`${name} snapshot file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void readSnapshotBlob(file).then((r) =>
            r.ok
              ? onPick({ snapshot: r.snapshot, label: `Saved snapshot ${file.name}`, warnings: r.warnings })
              : onPick(side, `Could not open ${file.name}: ${r.error}`),
          );
        }}
      />
    </Paper>
  );
}
