/**
 * Compare: two snapshots side by side in time — a saved one and now, two saved files, or this
 * view and a fresh one — showing listeners opened and closed, connections added and removed,
 * processes that appeared, vanished or changed role, and remote hosts seen for the first time.
 */
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import { useOpened } from '../savedSnapshot/openedStore';
import { CompareResult, compareSnapshots } from './CompareResult';
import { SidePicker, type Side } from './SidePicker';

export function CompareView({ full, api }: { full: Snapshot; api: SockeyeApi }) {
  const { opened } = useOpened();
  const current: Side = { snapshot: full, label: opened ? `Saved snapshot ${opened.name}` : 'This view' };
  const canTakeNow = !opened?.fixed;
  const [from, setFrom] = useState<Side | null>(current);
  const [to, setTo] = useState<Side | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A saved snapshot is most often compared with now: take "now" at once.
  useEffect(() => {
    if (!opened || opened.fixed) return;
    let gone = false;
    api.snapshot({}).then(
      (s) => !gone && setTo({ snapshot: s, label: 'Snapshot taken now' }),
      (err: Error) => !gone && setError(`Could not take a snapshot: ${err.message}`),
    );
    return () => {
      gone = true;
    };
    // Only when the tab opens: later choices are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately once, on mount
  }, []);

  const [includeClosing, setIncludeClosing] = useState(false);
  const result = useMemo(
    () => (from && to ? compareSnapshots(from.snapshot, to.snapshot, includeClosing) : null),
    [from, to, includeClosing],
  );

  const pick = (set: (s: Side | null) => void) => (side: Side | null, err?: string) => {
    setError(err ?? null);
    if (!err) set(side);
  };

  return (
    <Box sx={{ p: 2, height: '100%', overflow: 'auto' }} aria-label="Compare snapshots" role="region">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch', flexWrap: 'wrap', rowGap: 2 }}>
        <SidePicker
          name="Earlier"
          side={from}
          current={current}
          api={api}
          canTakeNow={canTakeNow}
          onPick={pick(setFrom)}
        />
        <Button
          aria-label="Swap earlier and later"
          onClick={() => {
            setFrom(to);
            setTo(from);
          }}
          sx={{ alignSelf: 'center' }}
        >
          <SwapHorizIcon />
        </Button>
        <SidePicker name="Later" side={to} current={current} api={api} canTakeNow={canTakeNow} onPick={pick(setTo)} />
      </Stack>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={includeClosing} onChange={(e) => setIncludeClosing(e.target.checked)} />}
        label={
          result?.diff.ignored?.closingSockets
            ? `Include closing sockets (TIME_WAIT …): ${result.diff.ignored.closingSockets} left out`
            : 'Include closing sockets (TIME_WAIT …)'
        }
      />
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!result ? (
        <Typography sx={{ mt: 3 }} color="text.secondary">
          Choose the later snapshot: take one now, or open a saved file.
        </Typography>
      ) : (
        <CompareResult from={from!.snapshot} to={to!.snapshot} result={result} />
      )}
    </Box>
  );
}
