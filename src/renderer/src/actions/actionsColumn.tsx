/** The row-actions column of a grid (Stop, Close): no header, no sorting or filtering, nothing on a row that is gone. */
import type { ReactNode } from 'react';
import type { GridColDef } from '@mui/x-data-grid';
import type { RowStatus } from '../grid/SnapshotGrid';

export function actionsColumn<R extends { status: RowStatus }>(
  width: number,
  render: (row: R, tabIndex: -1 | 0) => ReactNode,
): GridColDef<R> {
  return {
    field: 'actions',
    headerName: '',
    width,
    sortable: false,
    filterable: false,
    disableColumnMenu: true,
    renderCell: (p) => (p.row.status === 'gone' ? null : render(p.row, p.tabIndex)),
  };
}
