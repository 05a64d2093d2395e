/**
 * "Filter to this" on grid cells: a right-click (or the context-menu key on a focused cell) on a
 * port, process or address offers to narrow the filter to it, or to exclude it. A plain click is
 * left alone: it selects the row (and opens a process's details), which a menu would get in the way of.
 */
import { useCallback, useState, type MouseEvent, type ReactNode } from 'react';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import FilterAltIcon from '@mui/icons-material/FilterAlt';
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import type { GridApi, GridRowId } from '@mui/x-data-grid';
import type { RefObject } from 'react';
import { visibleText } from '../ui/visibleText';

/** One thing a cell can filter to: "port 443" → `port:443`. */
export interface FilterOption {
  label: string;
  term: string;
}

interface Open {
  top: number;
  left: number;
  options: FilterOption[];
}

/** Cell props and the menu element for a grid. `optionsFor` says what a cell of `field` in `row` can filter to (nothing: no menu). */
export function useFilterCellMenu<R>(
  apiRef: RefObject<GridApi | null>,
  optionsFor: (row: R, field: string) => FilterOption[],
  setFilter: ((expr: string) => void) | undefined,
): { cellProps: { onContextMenu: (e: MouseEvent<HTMLElement>) => void }; menu: ReactNode } {
  const [open, setOpen] = useState<Open | null>(null);

  const openAt = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      if (!setFilter) return false;
      const cell = e.currentTarget;
      const field = cell.dataset.field;
      const id = cell.closest('[data-id]')?.getAttribute('data-id');
      if (!field || id == null || !apiRef.current) return false;
      let row: R | null = null;
      for (const candidate of [id, Number(id)] as GridRowId[]) {
        try {
          row = (apiRef.current.getRow(candidate) as R | null) ?? null;
        } catch {
          row = null;
        }
        if (row) break;
      }
      if (!row) return false;
      const options = optionsFor(row, field);
      if (options.length === 0) return false;
      // The context-menu key gives no pointer position: open at the cell.
      const rect = cell.getBoundingClientRect();
      const keyboard = e.clientX === 0 && e.clientY === 0;
      const at = { top: keyboard ? rect.bottom : e.clientY, left: keyboard ? rect.left : e.clientX, options };
      // Opened once the grid has handled the click: it moves focus to the cell as the button goes
      // up (on Linux `contextmenu` comes before that), which took the focus back from a menu
      // opened at once — then neither Escape nor the arrow keys reached the menu. So wait for
      // the button to go up (the context-menu key presses none), then open: the menu takes the
      // focus and keeps it.
      const show = () => setTimeout(() => setOpen(at), 0);
      if (e.buttons === 0) show();
      else window.addEventListener('mouseup', show, { once: true, capture: false });
      return true;
    },
    [apiRef, optionsFor, setFilter],
  );

  const onContextMenu = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      if (openAt(e)) e.preventDefault();
    },
    [openAt],
  );

  const choose = (expr: string) => {
    setOpen(null);
    setFilter?.(expr);
  };

  // Mounted only while open: every grid has one, and a closed Menu still renders.
  const menu = open && (
    <Menu
      open
      onClose={() => setOpen(null)}
      anchorReference="anchorPosition"
      anchorPosition={{ top: open.top, left: open.left }}
      slotProps={{ list: { 'aria-label': 'Filter to this', dense: true } }}
    >
      {open.options.flatMap((o) => [
        <MenuItem key={`in:${o.term}`} onClick={() => choose(o.term)}>
          <ListItemIcon>
            <FilterAltIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Filter to {visibleText(o.label)}</ListItemText>
        </MenuItem>,
        <MenuItem key={`out:${o.term}`} onClick={() => choose(`-${o.term}`)}>
          <ListItemIcon>
            <FilterAltOffIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>Exclude {visibleText(o.label)}</ListItemText>
        </MenuItem>,
      ])}
    </Menu>
  );
  return { cellProps: { onContextMenu }, menu };
}
