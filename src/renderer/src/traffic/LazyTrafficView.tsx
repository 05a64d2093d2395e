/** The Traffic view's code (MUI X Charts) loads when the tab is first opened, not at startup. */
import { lazy, Suspense } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import type { Snapshot } from '../../../common/model/model';

const TrafficView = lazy(() => import('./TrafficView').then((m) => ({ default: m.TrafficView })));

export function LazyTrafficView(props: { snapshot: Snapshot; full: Snapshot }) {
  return (
    <Suspense
      fallback={
        <Box role="status" sx={{ p: 3 }}>
          <CircularProgress size={20} />
        </Box>
      }
    >
      <TrafficView {...props} />
    </Suspense>
  );
}
