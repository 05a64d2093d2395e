/**
 * The Alerts tab: what the alert rules flagged, newest first (a click opens the process, at the
 * moment of the alert when it is gone now), the rules themselves (kind of event + filter, the
 * default `is:exposed`), and "mark current listeners as expected".
 */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import type { StoredAlertView } from '../../../common/contract/historyApi';
import type { HistoryEvent } from '../../../common/history/historyEvents';
import { alertTitle, eventSummary } from '../../../common/history/alertText';
import { visibleText } from '../ui/visibleText';
import { historyStore, messageOf, openProcessStore, useHistoryState } from './historyStore';
import { showMoment } from './TimelineBar';
import { RulesEditor } from './RulesEditor';

/** The tab's label with the count of alerts not yet seen. */
export function AlertsTabLabel() {
  const { unseen } = useHistoryState();
  return (
    <Badge color="error" badgeContent={unseen} max={99} aria-label={unseen ? `Alerts, ${unseen} new` : 'Alerts'}>
      <span>Alerts</span>
    </Badge>
  );
}

async function openAlert(api: SockeyeApi, live: Snapshot, a: StoredAlertView): Promise<void> {
  const pid = a.event.process?.pid ?? a.event.socket?.pid ?? null;
  if (pid === null) return;
  // Gone now: show the host as it was when the alert was raised, with the process in it.
  if (!live.processes.some((p) => p.pid === pid)) await showMoment(api, Date.parse(a.at));
  openProcessStore.open(pid);
}

function ExpectCurrent({ api }: { api: SockeyeApi }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Button
        variant="outlined"
        onClick={() =>
          api.historyExpectCurrent({}).then(
            (r) => setDone(`${r.count} listeners marked as expected: they will not alert.`),
            (err: unknown) => historyStore.fail(messageOf(err)),
          )
        }
      >
        Mark current listeners as expected
      </Button>
      {done && <Typography role="status">{done}</Typography>}
    </Stack>
  );
}

export function AlertsView({ api, full }: { api: SockeyeApi; full: Snapshot }) {
  const { alerts, info, error } = useHistoryState();
  // Seen once the tab is shown, and while it stays open.
  useEffect(() => historyStore.markSeen(), [alerts]);
  return (
    <Box sx={{ p: 2, height: '100%', overflow: 'auto' }} role="region" aria-label="Alerts">
      {error && (
        <Alert severity="error" onClose={() => historyStore.fail(null)} sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {info && !info.recording && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Alerts are checked while this {info.canToggle ? 'app' : 'server'} records history
          {info.canToggle ? ' (turn it on above).' : ' (sockeye serve --record).'}
        </Alert>
      )}
      {alerts.length === 0 ? (
        <Typography color="text.secondary">No alerts.</Typography>
      ) : (
        <List dense aria-label="Alert list">
          {alerts.map((a) => (
            <ListItemButton key={a.id} onClick={() => void openAlert(api, full, a)}>
              <ListItemText
                primary={`${alertTitle(a.event as HistoryEvent)}: ${visibleText(eventSummary(a.event as HistoryEvent))}`}
                secondary={`${new Date(a.at).toLocaleString()} · rule ${a.rule}`}
              />
            </ListItemButton>
          ))}
        </List>
      )}
      {info?.recording && (
        <Stack spacing={2} sx={{ mt: 3 }}>
          <RulesEditor api={api} rules={info.rules} />
          <ExpectCurrent api={api} />
        </Stack>
      )}
    </Box>
  );
}
