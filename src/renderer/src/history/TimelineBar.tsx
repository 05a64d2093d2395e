/**
 * The timeline: a scrubber over the recorded span. Letting go of it shows the host as it was at
 * that moment in every tab (as a saved snapshot is shown, with the banner saying so); "Compare
 * with now" opens the Compare view between that moment and now. Also says whether the history is
 * recording, how big its file is, and — in one line — why it cannot record or read.
 */
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Slider from '@mui/material/Slider';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import { formatByteSize as formatBytes } from '../../../common/text/byteSize';
import TextField from '@mui/material/TextField';
import { parseMoment } from '../../../common/history/historyTime';
import { openedStore, useOpened } from '../savedSnapshot/openedStore';
import { historyStore, messageOf, useHistoryState } from './historyStore';
import { MOMENT_PREFIX, isMomentName } from './momentName';

export async function showMoment(api: SockeyeApi, at: number): Promise<void> {
  try {
    const { snapshot } = await api.historyAt({ at: new Date(at).toISOString() });
    if (snapshot) openedStore.show(snapshot, `${MOMENT_PREFIX} ${new Date(snapshot.takenAt).toLocaleString()}`);
    else openedStore.fail('Nothing was recorded by then.');
  } catch (err) {
    openedStore.fail(`Could not read the history: ${messageOf(err)}`);
  }
}

function RecordingSwitch({ api }: { api: SockeyeApi }) {
  const { info } = useHistoryState();
  if (!info?.canToggle) return null;
  return (
    <FormControlLabel
      control={
        <Switch
          size="small"
          checked={info.recording}
          onChange={(e) =>
            api
              .historySetRecording({ enabled: e.target.checked })
              .then(historyStore.setInfo, (err: unknown) => historyStore.fail(messageOf(err)))
          }
        />
      }
      label="Record history"
    />
  );
}

/** The same TIME the CLI takes (`-1h`, `yesterday 03:00`, ISO 8601), for a moment the slider is too coarse for. */
function GoToTime({ api }: { api: SockeyeApi }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <TextField
      size="small"
      label="Go to time"
      value={text}
      error={error !== null}
      helperText={error ?? undefined}
      onChange={(e) => {
        setText(e.target.value);
        setError(null);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        const parsed = parseMoment(text.trim(), Date.now());
        if (!parsed.ok) setError(parsed.error);
        else void showMoment(api, parsed.value);
      }}
      sx={{ width: 200 }}
      slotProps={{ htmlInput: { 'aria-label': 'Go to time', spellCheck: false } }}
    />
  );
}

export function TimelineBar({ api, onCompare }: { api: SockeyeApi; onCompare(): void }) {
  const { info } = useHistoryState();
  const { opened } = useOpened();
  const [value, setValue] = useState<number | null>(null);
  // Nothing recorded, nothing to read, nothing to turn on: no bar (serve without a history).
  if (!info || (!info.available && !info.recording && !info.problem && !info.canToggle)) return null;
  if (info.problem)
    return (
      <Alert severity={info.problem.kind === 'busy' ? 'warning' : 'error'} role="alert" sx={{ borderRadius: 0 }}>
        History: {info.problem.message}
      </Alert>
    );
  const span = info.span ? { first: Date.parse(info.span.first), last: Date.parse(info.span.last) } : null;
  const status = info.recording
    ? `Recording · ${formatBytes(info.bytes)}`
    : info.available
      ? `History ${info.otherRecorder ? `(recorded by pid ${info.otherRecorder})` : '(not recording)'} · ${formatBytes(info.bytes)}`
      : 'Not recording';
  const atMoment = opened !== null && isMomentName(opened.name);
  return (
    <Box
      role="region"
      aria-label="Timeline"
      sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, py: 0.5, borderBottom: 1, borderColor: 'divider' }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }} aria-label="History status">
        {status}
      </Typography>
      <RecordingSwitch api={api} />
      {span && span.last > span.first ? (
        <Slider
          size="small"
          aria-label="Moment in history"
          min={span.first}
          max={span.last}
          step={1000}
          value={value ?? span.last}
          valueLabelDisplay="auto"
          valueLabelFormat={(v) => new Date(v).toLocaleTimeString()}
          getAriaValueText={(v) => new Date(v).toLocaleString()}
          onChange={(_e, v) => setValue(v as number)}
          onFocus={() => void historyStore.refreshInfo(api)}
          onMouseDown={() => void historyStore.refreshInfo(api)}
          onChangeCommitted={(_e, v) => void showMoment(api, v as number)}
          sx={{ flexGrow: 1, mx: 1 }}
        />
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
          {info.available ? 'Recording has just begun.' : ''}
        </Typography>
      )}
      {info.available && <GoToTime api={api} />}
      <Button size="small" disabled={!atMoment} onClick={onCompare}>
        Compare with now
      </Button>
    </Box>
  );
}
