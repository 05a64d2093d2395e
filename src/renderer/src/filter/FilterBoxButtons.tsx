/** The buttons at the end of the filter box: clear, recent filters, syntax help. */
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Tooltip from '@mui/material/Tooltip';
import ClearIcon from '@mui/icons-material/Clear';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import HistoryIcon from '@mui/icons-material/History';

export function FilterBoxButtons({
  hasText,
  hasHistory,
  onClear,
  onHistory,
  onHelp,
}: {
  hasText: boolean;
  hasHistory: boolean;
  onClear(): void;
  onHistory(anchor: HTMLElement): void;
  onHelp(anchor: HTMLElement): void;
}) {
  return (
    <InputAdornment position="end">
      {hasText && (
        <IconButton size="small" aria-label="Clear filter" onClick={onClear}>
          <ClearIcon fontSize="small" />
        </IconButton>
      )}
      <Tooltip title="Recent filters (or ↑ ↓ in the box)">
        <span>
          <IconButton
            size="small"
            aria-label="Filter history"
            disabled={!hasHistory}
            onClick={(e) => onHistory(e.currentTarget)}
          >
            <HistoryIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Filter syntax">
        <IconButton size="small" aria-label="Filter syntax help" onClick={(e) => onHelp(e.currentTarget)}>
          <HelpOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </InputAdornment>
  );
}
