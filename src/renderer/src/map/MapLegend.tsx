/**
 * What the map's marks mean, plus how much the map aggregated (so nothing is silently hidden).
 */
import { memo } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PublicIcon from '@mui/icons-material/Public';
import LanIcon from '@mui/icons-material/Lan';
import type { MapStats } from '../../../common/viewModel/map/mapGraph';
import { RoleChip } from '../ui/chips';
import { ExposedChip } from '../ui/ExposedChip';

interface Props {
  stats: MapStats;
  expandedGroups: number;
  showingAll: boolean;
  onCollapse(): void;
  onShowAll(): void;
}

const row = { display: 'flex', alignItems: 'center', gap: 0.75, fontSize: 12 } as const;

export const MapLegend = memo(function MapLegend({ stats, expandedGroups, showingAll, onCollapse, onShowAll }: Props) {
  return (
    <Paper variant="outlined" role="region" aria-label="Map legend" sx={{ p: 1, maxWidth: 270, opacity: 0.95 }}>
      <Typography variant="subtitle2" component="h2">
        Legend
      </Typography>
      <Box sx={{ display: 'flex', gap: 0.5, my: 0.5 }}>
        <RoleChip role="client" />
        <RoleChip role="server" />
        <RoleChip role="both" />
      </Box>
      <Box sx={row}>
        <ExposedChip exposure="all interfaces" /> a listener reachable beyond this machine
      </Box>
      <Box sx={row}>
        <PublicIcon fontSize="small" color="action" /> remote host · <LanIcon fontSize="small" color="action" /> hosts
        grouped
      </Box>
      <Box sx={row}>→ client to server: port/protocol service ×connections (dashed: remote)</Box>
      <Typography variant="caption" component="p" sx={{ mt: 0.5 }}>
        {stats.processes} processes, {stats.localConnections} local connections, {stats.remoteHosts} remote hosts
        {stats.collapsedGroups > 0 && ` · ${stats.collapsedGroups} groups of same-named processes`}
        {stats.remoteNodes < stats.remoteHosts && ` · remote hosts grouped into ${stats.remoteNodes}`}
        {stats.foldedProcesses > 0 && ` · ${stats.foldedProcesses} quieter processes in “+N more”`}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1 }}>
        {stats.foldedProcesses > 0 && !showingAll && (
          <Button size="small" onClick={onShowAll}>
            Show all
          </Button>
        )}
        {(expandedGroups > 0 || showingAll) && (
          <Button size="small" onClick={onCollapse}>
            Regroup
          </Button>
        )}
      </Box>
    </Paper>
  );
});
