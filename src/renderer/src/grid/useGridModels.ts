/**
 * Sort and selection of a grid, held outside the DataGrid (controlled) so they survive live
 * refresh, a change of filter and switching tabs; the sort also survives a reload.
 */
import { useEffect, useState } from 'react';
import type { GridRowSelectionModel, GridSortModel } from '@mui/x-data-grid';

const selections = new Map<string, GridRowSelectionModel>();

function loadSort(view: string, fallback: GridSortModel): GridSortModel {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(`sockeye.sort.${view}`) ?? 'null');
    if (
      Array.isArray(v) &&
      v.every((x) => x && typeof x.field === 'string' && (x.sort === 'asc' || x.sort === 'desc' || x.sort === null))
    )
      return v as GridSortModel;
  } catch {
    // a corrupt entry: the default sort
  }
  return fallback;
}

export function useGridModels(view: string, defaultSort: GridSortModel) {
  const [sortModel, setSortModel] = useState(() => loadSort(view, defaultSort));
  const [rowSelectionModel, setRowSelectionModel] = useState<GridRowSelectionModel>(
    () => selections.get(view) ?? { type: 'include', ids: new Set() },
  );
  useEffect(() => {
    try {
      localStorage.setItem(`sockeye.sort.${view}`, JSON.stringify(sortModel));
    } catch {
      // storage unavailable: the sort lasts for this page
    }
  }, [view, sortModel]);
  useEffect(() => void selections.set(view, rowSelectionModel), [view, rowSelectionModel]);
  return {
    sortModel,
    onSortModelChange: setSortModel,
    rowSelectionModel,
    onRowSelectionModelChange: setRowSelectionModel,
  };
}
