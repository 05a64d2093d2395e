/** A Compare side from the history: a recorded moment, typed as the CLI's TIME (`-1h`, `yesterday 03:00`, ISO). */
import { useState } from 'react';
import TextField from '@mui/material/TextField';
import type { Snapshot } from '../../../common/model/model';
import { parseMoment } from '../../../common/history/historyTime';
import { useHistoryApi } from './historyApiContext';
import { messageOf } from './historyStore';
import { MOMENT_PREFIX } from './momentName';

export function MomentPicker({
  name,
  onPick,
}: {
  name: string;
  onPick(side: { snapshot: Snapshot; label: string } | null, error?: string): void;
}) {
  const api = useHistoryApi();
  const [text, setText] = useState('');
  if (!api) return null;
  const pick = async () => {
    const parsed = parseMoment(text.trim(), Date.now());
    if (!parsed.ok) return onPick(null, parsed.error);
    try {
      const { snapshot } = await api.historyAt({ at: new Date(parsed.value).toISOString() });
      if (!snapshot) return onPick(null, 'Nothing was recorded by then.');
      onPick({ snapshot, label: `${MOMENT_PREFIX} ${new Date(snapshot.takenAt).toLocaleString()}` });
    } catch (err) {
      onPick(null, `Could not read the history: ${messageOf(err)}`);
    }
  };
  return (
    <TextField
      size="small"
      label="Recorded moment"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void pick();
      }}
      sx={{ width: 200 }}
      slotProps={{ htmlInput: { 'aria-label': `${name} recorded moment`, spellCheck: false } }}
    />
  );
}
