/**
 * Recorded events as a short list a person reads: when, what, which socket, which process.
 * Used by the process story ("its history") and the Ports view ("this port's history").
 */
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SockeyeApi } from '../../../common/contract/api';
import type { HistoryEvent } from '../../../common/history/historyEvents';
import { alertTitle, eventSummary } from '../../../common/history/alertText';
import { visibleText } from '../ui/visibleText';
import { messageOf } from './historyStore';

const DAY_MS = 86_400_000;

/** Events matching `filter` in the last day (newest last), or why not. */
export function useRecentEvents(api: SockeyeApi, filter: string, enabled: boolean) {
  const [events, setEvents] = useState<HistoryEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let gone = false;
    api.historyEvents({ since: new Date(Date.now() - DAY_MS).toISOString(), filter, limit: 200 }).then(
      (r) => !gone && setEvents(r.events as HistoryEvent[]),
      (err: unknown) => !gone && setError(messageOf(err)),
    );
    return () => {
      gone = true;
    };
  }, [api, filter, enabled]);
  return { events, error };
}

export function EventsList({
  events,
  error,
  label,
}: {
  events: HistoryEvent[] | null;
  error: string | null;
  label: string;
}) {
  if (error) return <Alert severity="warning">{error}</Alert>;
  if (!events) return <Typography color="text.secondary">Reading the history…</Typography>;
  if (events.length === 0) return <Typography color="text.secondary">Nothing recorded in the last day.</Typography>;
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {[...events].reverse().map((e, i) => (
          <TableRow key={`${e.time}-${i}`}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(e.time).toLocaleString()}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{alertTitle(e)}</TableCell>
            <TableCell>{visibleText(eventSummary(e))}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
