/** A tiny line of a series (MUI X Charts' SparkLineChart); loaded with the chart code. */
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';

export default function Sparkline({
  data,
  width = 110,
  height = 28,
}: {
  data: number[];
  width?: number;
  height?: number;
}) {
  return <SparkLineChart data={data} width={width} height={height} area curve="linear" color="#0d6e8a" />;
}
