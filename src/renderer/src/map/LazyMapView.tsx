/**
 * The map's code (xyflow, the ELK client) loads when the Map tab is first opened, not at startup.
 */
import { lazy, Suspense } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { Snapshot } from '../../../common/model/model';

const MapView = lazy(() => import('./MapView').then((m) => ({ default: m.MapView })));

export function LazyMapView(props: { snapshot: Snapshot; full: Snapshot; filterText?: string }) {
  return (
    <Suspense
      fallback={
        <Box role="status" sx={{ p: 3, display: 'flex', gap: 2, alignItems: 'center' }}>
          <CircularProgress size={20} aria-label="Loading the map" />
          <Typography>Loading the map…</Typography>
        </Box>
      }
    >
      <MapView {...props} />
    </Suspense>
  );
}
