/**
 * Per-process and per-port history: "when did :5432 start listening, who connected to it today".
 * The process story gets a section; each row of the Ports view a button opening the port's history.
 */
import { useState } from 'react';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import HistoryIcon from '@mui/icons-material/History';
import Typography from '@mui/material/Typography';
import { EventsList, useRecentEvents } from './EventsList';
import { useHistoryApi } from './historyApiContext';
import type { SockeyeApi } from '../../../common/contract/api';

function Recent({ api, filter, label }: { api: SockeyeApi; filter: string; label: string }) {
  const { events, error } = useRecentEvents(api, filter, true);
  return <EventsList events={events} error={error} label={label} />;
}

/** The process story's "History (last day)" section; nothing when no history is readable. */
export function ProcessHistorySection({ pid }: { pid: number }) {
  const api = useHistoryApi();
  if (!api) return null;
  return (
    <section aria-label="Process history">
      <Typography variant="subtitle1" sx={{ mt: 2, mb: 1, fontWeight: 600 }}>
        History (last day)
      </Typography>
      <Recent api={api} filter={`pid:${pid}`} label={`History of pid ${pid}`} />
    </section>
  );
}

/** A Ports row's button: when this port listened and who connected to it, the last day. */
export function PortHistoryButton({ port, tabIndex }: { port: number; tabIndex: -1 | 0 }) {
  const api = useHistoryApi();
  const [open, setOpen] = useState(false);
  if (!api) return null;
  return (
    <>
      <Tooltip title={`History of port ${port}`}>
        <IconButton
          size="small"
          aria-label={`History of port ${port}`}
          tabIndex={tabIndex}
          onClick={() => setOpen(true)}
        >
          <HistoryIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth>
        <DialogTitle>Port {port}: the last day</DialogTitle>
        <DialogContent>
          {open && <Recent api={api} filter={`port:${port}`} label={`History of port ${port}`} />}
        </DialogContent>
      </Dialog>
    </>
  );
}
