/**
 * The filter box above the tabs: the expression (one language with `sockeye snapshot
 * --filter`), its error pointed at the place, syntax help, history, quick chips and "N of M".
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Popover from '@mui/material/Popover';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ClearIcon from '@mui/icons-material/Clear';
import FilterListIcon from '@mui/icons-material/FilterList';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import HistoryIcon from '@mui/icons-material/History';
import { FILTER_FIELDS, FILTER_SYNTAX, hasTerm, toggleTerm, type FilterParseError } from '../../../common/filter';
import type { Snapshot } from '../../../common/model/model';
import { useFilterView, type FilterStore } from './filterStore';

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

function ErrorPointer({
  text,
  error,
  onFix,
}: {
  text: string;
  error: FilterParseError;
  onFix: (fixed: string) => void;
}) {
  const start = Math.min(error.position, text.length);
  const end = Math.min(Math.max(error.end, start), text.length);
  const fixed = error.suggestion === null ? null : text.slice(0, start) + error.suggestion + text.slice(end);
  return (
    <Box component="span" sx={{ display: 'block' }}>
      <Box
        component="span"
        sx={{ display: 'block', fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        aria-hidden
      >
        {text.slice(0, start)}
        <Box
          component="mark"
          sx={{ bgcolor: 'error.main', color: 'error.contrastText', px: end === start ? 0.5 : 0, borderRadius: 0.5 }}
        >
          {text.slice(start, end) || ' '}
        </Box>
        {text.slice(end)}
      </Box>
      <span>
        Column {error.column}: {error.message} The views keep the last filter that worked.
      </span>
      {fixed !== null && (
        <Button
          size="small"
          sx={{ ml: 1, py: 0, textTransform: 'none', fontFamily: 'monospace' }}
          onClick={() => onFix(fixed)}
        >
          Use {error.suggestion}
        </Button>
      )}
    </Box>
  );
}

function SyntaxHelp({ onExample }: { onExample: (expr: string) => void }) {
  const example = (e: string) => (
    <Link key={e} component="button" type="button" onClick={() => onExample(e)} sx={{ fontFamily: 'monospace', mr: 1 }}>
      {e}
    </Link>
  );
  return (
    <Box sx={{ p: 2, maxWidth: 760, maxHeight: '70vh', overflow: 'auto' }} role="region" aria-label="Filter syntax">
      <Typography variant="subtitle1" component="h2">
        Filter syntax
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        The same language works in <code>sockeye snapshot --filter</code>. Click an example to use it.
      </Typography>
      <Table size="small" aria-label="Operators">
        <TableBody>
          {FILTER_SYNTAX.map((s) => (
            <TableRow key={s.syntax}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{s.syntax}</TableCell>
              <TableCell>{s.description}</TableCell>
              <TableCell>{example(s.example)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table size="small" aria-label="Fields" sx={{ mt: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Matches</TableCell>
            <TableCell>Examples</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {FILTER_FIELDS.map((f) => (
            <TableRow key={f.name}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{f.name}:</TableCell>
              <TableCell>
                {f.description}
                {f.values && f.kind === 'enum' && f.name !== 'state' ? ` (${f.values.join(', ')})` : ''}
              </TableCell>
              <TableCell>{f.examples.map(example)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

export interface FilterBarProps {
  store: FilterStore;
  /** The filtered and the whole snapshot, for "N of M", and the filter they were filtered with. */
  shown: Snapshot | null;
  full: Snapshot | null;
  source: string;
}

export function FilterBar({ store, shown, full, source }: FilterBarProps) {
  const view = useFilterView(store);
  const [helpAnchor, setHelpAnchor] = useState<HTMLElement | null>(null);
  const [historyAnchor, setHistoryAnchor] = useState<HTMLElement | null>(null);
  // Walking the history with the arrow keys: -1 is the text being typed (kept in `draft`).
  const walk = useRef({ index: -1, draft: '' });
  const active = source !== '';

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const w = walk.current;
    if (e.key === 'Enter') {
      store.commit();
      w.index = -1;
    } else if (e.key === 'Escape' && view.text) {
      store.setText('');
      w.index = -1;
    } else if (e.key === 'ArrowUp' && w.index + 1 < view.history.length) {
      e.preventDefault();
      if (w.index === -1) w.draft = view.text;
      w.index++;
      store.setText(view.history[w.index]!);
    } else if (e.key === 'ArrowDown' && w.index >= 0) {
      e.preventDefault();
      w.index--;
      store.setText(w.index === -1 ? w.draft : view.history[w.index]!);
    }
  };

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
    <Box
      component="section"
      aria-label="Filter bar"
      sx={{ px: 1, pt: 1, display: 'flex', flexDirection: 'column', gap: 0.5 }}
    >
      <TextField
        label="Filter"
        size="small"
        fullWidth
        value={view.text}
        error={view.error !== null}
        placeholder="port:443  proc:nginx  -scope:loopback  state:listen OR state:established …"
        onChange={(e) => {
          walk.current.index = -1;
          store.setText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={store.commit}
        helperText={view.error ? <ErrorPointer text={view.text} error={view.error} onFix={store.apply} /> : undefined}
        slotProps={{
          htmlInput: { spellCheck: false, autoComplete: 'off', 'aria-keyshortcuts': 'ArrowUp ArrowDown' },
          formHelperText: { role: 'alert' } as object,
          input: {
            sx: { fontFamily: 'monospace' },
            startAdornment: (
              <InputAdornment position="start">
                <FilterListIcon fontSize="small" />
              </InputAdornment>
            ),
            endAdornment: (
              <InputAdornment position="end">
                {view.text && (
                  <IconButton size="small" aria-label="Clear filter" onClick={() => store.setText('')}>
                    <ClearIcon fontSize="small" />
                  </IconButton>
                )}
                <Tooltip title="Recent filters (or ↑ ↓ in the box)">
                  <span>
                    <IconButton
                      size="small"
                      aria-label="Filter history"
                      disabled={view.history.length === 0}
                      onClick={(e) => setHistoryAnchor(e.currentTarget)}
                    >
                      <HistoryIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title="Filter syntax">
                  <IconButton
                    size="small"
                    aria-label="Filter syntax help"
                    onClick={(e) => setHelpAnchor(e.currentTarget)}
                  >
                    <HelpOutlineIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}
        role="group"
        aria-label="Quick filters"
      >
        {QUICK.map((q) => {
          const on = hasTerm(view.text, q.term);
          return (
            <Tooltip key={q.term} title={`${q.title} (${q.term})`} describeChild>
              <Chip
                size="small"
                label={q.label}
                clickable
                color={on ? 'primary' : 'default'}
                variant={on ? 'filled' : 'outlined'}
                aria-pressed={on}
                onClick={() => store.apply(toggleTerm(view.text, q.term, q.group ? [q.group] : []))}
              />
            </Tooltip>
          );
        })}
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="caption" color="text.secondary">
          Right-click a port, address or process in a grid to filter to it.
        </Typography>
        <Typography
          variant="body2"
          color={none ? 'warning.main' : 'text.secondary'}
          role="status"
          aria-label="Filter result"
        >
          {none ? `No rows match \`${source}\` — 0 of ${n(full!.sockets.length)} sockets` : status}
        </Typography>
      </Box>
      {/* Mounted only while open: a keystroke re-renders this bar, and closed popovers still cost. */}
      {historyAnchor && (
        <Menu
          anchorEl={historyAnchor}
          open
          onClose={() => setHistoryAnchor(null)}
          slotProps={{ list: { 'aria-label': 'Recent filters' } }}
        >
          {view.history.map((h) => (
            <MenuItem
              key={h}
              sx={{ fontFamily: 'monospace' }}
              onClick={() => {
                setHistoryAnchor(null);
                store.apply(h);
              }}
            >
              {h}
            </MenuItem>
          ))}
        </Menu>
      )}
      {helpAnchor && (
        <Popover
          open
          anchorEl={helpAnchor}
          onClose={() => setHelpAnchor(null)}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
          transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        >
          <SyntaxHelp
            onExample={(e) => {
              setHelpAnchor(null);
              store.apply(e);
            }}
          />
        </Popover>
      )}
    </Box>
  );
}
