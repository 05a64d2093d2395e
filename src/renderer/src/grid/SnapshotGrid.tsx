/**
 * The grid shell the Processes, Ports and Connections tabs share: a DataGrid with the shared
 * settings (gridDefaults), sort and selection that outlive refreshes and tabs (useGridModels),
 * new/gone rows marked for live refresh, a right-click menu that filters to a cell, and an empty
 * message that names the filter in force. Each view brings only its rows and columns.
 */
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import {
  DataGrid,
  useGridApiRef,
  type GridColDef,
  type GridRowId,
  type GridSlots,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useFilterCellMenu, type FilterOption } from '../filter/FilterCellMenu';
import { gridDefaults } from './gridDefaults';
import { useGridModels, type GridModels } from './useGridModels';
import { visibleText } from '../ui/visibleText';

/** A row's live-refresh status: styled by the `row-new` and `row-gone` classes. */
export type RowStatus = 'new' | 'gone' | null;

export interface SnapshotGridProps<R extends { status: RowStatus }> {
  /** Names the grid's stored sort and kept selection (`processes`, `ports`, `connections`). */
  view: string;
  /** The grid's accessible name. */
  label: string;
  rows: readonly R[];
  columns: readonly GridColDef<R>[];
  defaultSort: GridSortModel;
  /** The filter terms a right-click on this cell offers; stable (useCallback), as the menu memoises on it. */
  optionsFor: (row: R, field: string) => FilterOption[];
  /** Narrows the filter; without it there is no right-click menu. */
  setFilter?: (expr: string) => void;
  /** The filter in force, for the empty grid's message. */
  filterText?: string;
  /** The empty grid's message when no filter is in force. */
  emptyText: string;
  getRowId?: (row: R) => GridRowId;
  onRowClick?: (row: R) => void;
  toolbar?: GridSlots['toolbar'];
  /** Shown beside the grid (a drawer that a row opens). */
  children?: ReactNode;
  /** The sort and selection models, when the view needs them itself (else the grid keeps its own). */
  models?: GridModels;
}

const rowClassName = (p: { row: { status: RowStatus } }) => (p.row.status ? `row-${p.row.status}` : '');

export function SnapshotGrid<R extends { status: RowStatus }>({
  view,
  label,
  rows,
  columns,
  defaultSort,
  optionsFor,
  setFilter,
  filterText,
  emptyText,
  getRowId,
  onRowClick,
  toolbar,
  children,
  models: given,
}: SnapshotGridProps<R>) {
  const apiRef = useGridApiRef();
  // Hooks run whatever the props: a grid handed its models keeps no (competing) stored copy.
  const own = useGridModels(view, defaultSort, given === undefined);
  const models = given ?? own;
  const { cellProps, menu } = useFilterCellMenu(apiRef, optionsFor, setFilter);
  return (
    <Box sx={{ height: '100%', minHeight: 300 }}>
      <DataGrid
        {...gridDefaults}
        {...models}
        apiRef={apiRef}
        aria-label={label}
        rows={rows}
        columns={columns}
        getRowClassName={rowClassName}
        slotProps={{ cell: cellProps }}
        // Only the props a view gives: the grid's own defaults stand for the rest.
        {...(getRowId && { getRowId })}
        {...(onRowClick && { onRowClick: (p: { row: R }) => onRowClick(p.row) })}
        {...(toolbar && { slots: { toolbar }, showToolbar: true })}
        localeText={{ noRowsLabel: filterText ? `No rows match \`${visibleText(filterText)}\`` : emptyText }}
      />
      {menu}
      {children}
    </Box>
  );
}
