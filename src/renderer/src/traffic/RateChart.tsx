/** A small line chart of rates over time (MUI X Charts), loaded with the chart code. */
import { LineChart } from '@mui/x-charts/LineChart';
import { formatRate } from '../../../common/traffic/trafficFormat';

export interface RateSeries {
  label: string;
  data: number[];
}

export default function RateChart({
  times,
  series,
  height = 140,
  label,
}: {
  times: number[];
  series: RateSeries[];
  height?: number;
  label: string;
}) {
  return (
    <LineChart
      height={height}
      aria-label={label}
      series={series.map((s) => ({ ...s, showMark: false, valueFormatter: (v: number | null) => formatRate(v ?? 0) }))}
      xAxis={[
        { data: times.map((t) => new Date(t)), scaleType: 'time', valueFormatter: (d: Date) => d.toLocaleTimeString() },
      ]}
      yAxis={[{ valueFormatter: (v: number) => formatRate(v), width: 80 }]}
    />
  );
}
