/**
 * Sort and selection of a grid, held outside the DataGrid (controlled) so they survive live
 * refresh, a change of filter and switching tabs; the sort also survives a reload (state/settings.ts).
 */
import { useEffect, useState } from 'react';
import type { GridRowSelectionModel, GridSortModel } from '@mui/x-data-grid';
import { readSetting, sortSetting, writeSetting } from '../state/settings';

const selections = new Map<string, GridRowSelectionModel>();

export type GridModels = ReturnType<typeof useGridModels>;

/** `persist` false: held for this page only (a grid whose view keeps the real models itself). */
export function useGridModels(view: string, defaultSort: GridSortModel, persist = true) {
  const [sortModel, setSortModel] = useState<GridSortModel>(() => readSetting(sortSetting(view, defaultSort)));
  const [rowSelectionModel, setRowSelectionModel] = useState<GridRowSelectionModel>(
    () => selections.get(view) ?? { type: 'include', ids: new Set() },
  );
  useEffect(() => {
    if (persist) writeSetting(sortSetting(view, []), sortModel); // storage unavailable: the sort lasts for this page
  }, [view, sortModel, persist]);
  useEffect(() => {
    if (persist) selections.set(view, rowSelectionModel);
  }, [view, rowSelectionModel, persist]);
  return {
    sortModel,
    onSortModelChange: setSortModel,
    rowSelectionModel,
    onRowSelectionModelChange: setRowSelectionModel,
  };
}
