/** The rate chart without pulling the chart library into the first screen's code. */
import { lazy, Suspense } from 'react';
import type { RateSeries } from './RateChart';

const RateChart = lazy(() => import('./RateChart'));

export function LazyRateChart(props: { times: number[]; series: RateSeries[]; height?: number; label: string }) {
  if (props.times.length < 2) return null;
  return (
    <Suspense fallback={null}>
      <RateChart {...props} />
    </Suspense>
  );
}
