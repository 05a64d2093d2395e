/** The row under the filter box: quick chips that toggle common terms, a hint, and "N of M". */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { hasTerm, toggleTerm } from '../../../common/filter';
import type { Snapshot } from '../../../common/model/model';
import { visibleText } from '../ui/visibleText';

/** The quick chips: a label and the term it toggles; chips of one group exclude each other. */
const QUICK: { label: string; term: string; group?: string; title: string }[] = [
  { label: 'Listening', term: 'is:listening', title: 'TCP listeners and serving UDP sockets' },
  { label: 'Exposed', term: 'is:exposed', title: 'Listening beyond loopback: reachable from other machines' },
  { label: 'Clients', term: 'role:client', group: 'role:', title: 'Processes that only make outbound connections' },
  { label: 'Servers', term: 'role:server', group: 'role:', title: 'Processes that only serve' },
  { label: 'Both', term: 'role:both', group: 'role:', title: 'Processes that are client and server' },
  { label: 'IPv6', term: 'family:6', title: 'IPv6 sockets' },
];

const n = (x: number) => x.toLocaleString('en-US');

/** "N of M sockets · N of M processes", or a warning when a filter in force matches nothing. */
function FilterResult({ shown, full, source }: { shown: Snapshot | null; full: Snapshot | null; source: string }) {
  const active = source !== '';
  let status = '';
  if (full && shown) {
    const sockets = full.sockets.length;
    const processes = full.processes.length;
    status = active
      ? `${n(shown.sockets.length)} of ${n(sockets)} sockets · ${n(shown.processes.length)} of ${n(processes)} processes`
      : `${n(sockets)} sockets · ${n(processes)} processes`;
  }
  const none = active && shown !== null && shown.sockets.length === 0 && shown.processes.length === 0;
  return (
    <Typography
      variant="body2"
      color={none ? 'warning.main' : 'text.secondary'}
      role="status"
      aria-label="Filter result"
    >
      {none ? `No rows match \`${visibleText(source)}\` — 0 of ${n(full!.sockets.length)} sockets` : status}
    </Typography>
  );
}

export function QuickFilters({
  text,
  onApply,
  shown,
  full,
  source,
}: {
  /** The filter text as typed: a chip is on when its term is in it. */
  text: string;
  onApply(text: string): void;
  shown: Snapshot | null;
  full: Snapshot | null;
  source: string;
}) {
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}
      role="group"
      aria-label="Quick filters"
    >
      {QUICK.map((q) => {
        const on = hasTerm(text, q.term);
        return (
          <Tooltip key={q.term} title={`${q.title} (${q.term})`} describeChild>
            <Chip
              size="small"
              label={q.label}
              clickable
              color={on ? 'primary' : 'default'}
              variant={on ? 'filled' : 'outlined'}
              aria-pressed={on}
              onClick={() => onApply(toggleTerm(text, q.term, q.group ? [q.group] : []))}
            />
          </Tooltip>
        );
      })}
      <Box sx={{ flexGrow: 1 }} />
      <Typography variant="caption" color="text.secondary">
        Right-click a port, address or process in a grid to filter to it.
      </Typography>
      <FilterResult shown={shown} full={full} source={source} />
    </Box>
  );
}
