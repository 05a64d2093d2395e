/** The sparkline without pulling the chart library into the first screen's code. */
import { lazy, Suspense } from 'react';

const Sparkline = lazy(() => import('./Sparkline'));

export function LazySparkline(props: { data: number[]; width?: number; height?: number }) {
  if (props.data.length < 2) return null;
  return (
    <Suspense fallback={null}>
      <Sparkline {...props} />
    </Suspense>
  );
}
