/** The alert rules: each the kind of event it watches and a filter of the filter language. */
import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import type { SockeyeApi } from '../../../common/contract/api';
import { ALERT_KINDS, DEFAULT_ALERT } from '../../../common/history/alertRules';
import { historyStore, messageOf } from './historyStore';

interface Draft {
  kind: string;
  filter: string;
}

function toDraft(text: string): Draft {
  const m = /^([a-z-]+)=(.*)$/s.exec(text);
  return m && (ALERT_KINDS as readonly string[]).includes(m[1]!)
    ? { kind: m[1]!, filter: m[2]! }
    : { kind: 'listen-start', filter: text };
}

const toText = (d: Draft) => (d.kind === 'listen-start' ? d.filter : `${d.kind}=${d.filter}`);

export function RulesEditor({ api, rules }: { api: SockeyeApi; rules: string[] }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => rules.map(toDraft));
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => setDrafts(rules.map(toDraft)), [rules]);
  const change = (i: number, patch: Partial<Draft>) => {
    setSaved(null);
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  };
  const save = () =>
    api.historySetRules({ rules: drafts.filter((d) => d.filter.trim()).map(toText) }).then(
      () => {
        setSaved('Rules saved.');
        void historyStore.refreshInfo(api);
      },
      (err: unknown) => historyStore.fail(messageOf(err)),
    );
  return (
    <Stack spacing={1} role="group" aria-label="Alert rules">
      <Typography variant="subtitle2">Alert rules</Typography>
      {drafts.map((d, i) => (
        <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label="Event"
            value={d.kind}
            onChange={(e) => change(i, { kind: e.target.value })}
            sx={{ width: 170 }}
          >
            {ALERT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label="Filter"
            value={d.filter}
            onChange={(e) => change(i, { filter: e.target.value })}
            sx={{ flexGrow: 1 }}
          />
          <IconButton aria-label="Remove rule" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button onClick={() => setDrafts([...drafts, toDraft(DEFAULT_ALERT)])}>Add rule</Button>
        <Button variant="contained" onClick={() => void save()}>
          Save rules
        </Button>
        {saved && <Typography role="status">{saved}</Typography>}
      </Stack>
    </Stack>
  );
}
