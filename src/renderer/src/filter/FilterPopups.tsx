/**
 * What the filter box's buttons open: the recent filters and the syntax help. Each is mounted
 * only while open: a keystroke re-renders the bar, and closed popovers still cost.
 */
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Popover from '@mui/material/Popover';
import { FilterSyntaxHelp } from './FilterSyntaxHelp';
import { visibleText } from '../ui/visibleText';

interface PopupProps {
  anchor: HTMLElement | null;
  onClose(): void;
  /** Use this filter (and close). */
  onApply(text: string): void;
}

export function FilterHistoryMenu({ anchor, onClose, onApply, history }: PopupProps & { history: readonly string[] }) {
  if (!anchor) return null;
  return (
    <Menu anchorEl={anchor} open onClose={onClose} slotProps={{ list: { 'aria-label': 'Recent filters' } }}>
      {history.map((h) => (
        <MenuItem
          key={h}
          sx={{ fontFamily: 'monospace' }}
          onClick={() => {
            onClose();
            onApply(h);
          }}
        >
          {visibleText(h)}
        </MenuItem>
      ))}
    </Menu>
  );
}

export function FilterHelpPopover({ anchor, onClose, onApply }: PopupProps) {
  if (!anchor) return null;
  return (
    <Popover
      open
      anchorEl={anchor}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      transformOrigin={{ vertical: 'top', horizontal: 'right' }}
    >
      <FilterSyntaxHelp
        onExample={(e) => {
          onClose();
          onApply(e);
        }}
      />
    </Popover>
  );
}
