/**
 * The filter box above the tabs: the expression (one language with `sockeye snapshot
 * --filter`), its error pointed at the place, syntax help, history, quick chips and "N of M".
 */
import { useState } from 'react';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import FilterListIcon from '@mui/icons-material/FilterList';
import type { Snapshot } from '../../../common/model/model';
import { useFilterView, type FilterStore } from './filterStore';
import { FilterBoxButtons } from './FilterBoxButtons';
import { FilterErrorPointer } from './FilterErrorPointer';
import { FilterHelpPopover, FilterHistoryMenu } from './FilterPopups';
import { QuickFilters } from './QuickFilters';
import { useHistoryKeys } from './useHistoryKeys';

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
  const { onKeyDown, stopWalking } = useHistoryKeys(store, view);

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
          stopWalking();
          store.setText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={store.commit}
        helperText={
          view.error ? <FilterErrorPointer text={view.text} error={view.error} onFix={store.apply} /> : undefined
        }
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
              <FilterBoxButtons
                hasText={view.text !== ''}
                hasHistory={view.history.length > 0}
                onClear={() => store.setText('')}
                onHistory={setHistoryAnchor}
                onHelp={setHelpAnchor}
              />
            ),
          },
        }}
      />
      <QuickFilters text={view.text} onApply={store.apply} shown={shown} full={full} source={source} />
      <FilterHistoryMenu
        anchor={historyAnchor}
        onClose={() => setHistoryAnchor(null)}
        onApply={store.apply}
        history={view.history}
      />
      <FilterHelpPopover anchor={helpAnchor} onClose={() => setHelpAnchor(null)} onApply={store.apply} />
    </Box>
  );
}
