import Chip from '@mui/material/Chip';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';

/** The exposed marker: a listener reachable from beyond this machine (word, not colour alone). */
export function ExposedChip({ exposure }: { exposure: string }) {
  return (
    <Chip
      size="small"
      color={exposure === 'public' || exposure === 'all interfaces' ? 'warning' : 'info'}
      icon={<WarningAmberIcon />}
      label="Exposed"
      title={`A listener is reachable from: ${exposure}`}
      data-exposed={exposure}
      sx={{ height: 20, '& .MuiChip-label': { px: 0.75, fontSize: 11 } }}
    />
  );
}
