import type { DataGridProps } from '@mui/x-data-grid';

/**
 * Settings every grid shares: compact rows, virtualization on, no pagination (we scroll), and no
 * footer: without pagination it held nothing and left a blank band under every grid (the
 * filter bar says how many rows are shown).
 */
export const gridDefaults: Partial<DataGridProps> = {
  density: 'compact',
  hideFooterPagination: true,
  hideFooter: true,
  pageSizeOptions: [],
  disableColumnMenu: false,
  rowBufferPx: 200,
};
