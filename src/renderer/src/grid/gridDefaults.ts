import type { DataGridProps } from '@mui/x-data-grid';

/** Settings every grid shares: compact rows, virtualization on, no pagination (we scroll). */
export const gridDefaults: Partial<DataGridProps> = {
  density: 'compact',
  hideFooterPagination: true,
  pageSizeOptions: [],
  disableColumnMenu: false,
  rowBufferPx: 200,
};
