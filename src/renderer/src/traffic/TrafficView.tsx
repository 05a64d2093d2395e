/**
 * Traffic: who moves the most bytes right now — the busiest processes as a stacked area chart
 * of the last minutes, then the top processes (each with its sparkline) and top remote hosts
 * by rate. Counters come from the kernel (sock_diag on Linux); where they are unavailable the
 * view says why and still shows interface throughput (Addresses).
 */
import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import type { Snapshot } from '../../../common/model/model';
import { formatBytes, formatRate } from '../../../common/traffic/trafficFormat';
import { trafficRows, type TrafficRow } from '../../../common/traffic/trafficRows';
import { seriesOf, useTrafficHistory, type TrafficPoint } from './trafficHistory';
import Sparkline from './Sparkline';

/** Processes drawn in the chart; the rest are summed as "other". */
const CHART_SERIES = 5;
const LISTED = 20;

function StackedChart({ points, rows }: { points: readonly TrafficPoint[]; rows: TrafficRow[] }) {
  const series = useMemo(() => {
    const top = rows.filter((r) => r.pid !== null).slice(0, CHART_SERIES);
    const shown = new Set(top.map((r) => r.pid!));
    const out = top.map((r) => ({
      data: seriesOf(points, (p) => p.processes, r.pid!),
      label: `${r.label} [${r.pid}]`,
      area: true,
      stack: 'total',
      showMark: false,
      valueFormatter: (v: number | null) => formatRate(v ?? 0),
    }));
    const other = points.map((p) => {
      let sum = 0;
      for (const [pid, r] of p.processes) if (!shown.has(pid)) sum += r.send + r.receive;
      return sum;
    });
    if (other.some((v) => v > 0))
      out.push({
        data: other,
        label: 'other',
        area: true,
        stack: 'total',
        showMark: false,
        valueFormatter: (v) => formatRate(v ?? 0),
      });
    return out;
  }, [points, rows]);
  if (points.length < 2 || series.length === 0)
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        The chart fills in as live refresh brings rates (one point per refresh).
      </Typography>
    );
  return (
    <LineChart
      height={260}
      series={series}
      xAxis={[
        {
          data: points.map((p) => new Date(p.t)),
          scaleType: 'time',
          valueFormatter: (d: Date) => d.toLocaleTimeString(),
        },
      ]}
      yAxis={[{ valueFormatter: (v: number) => formatRate(v), width: 80 }]}
      aria-label="Traffic over time by process"
    />
  );
}

function RowsTable({
  label,
  rows,
  first,
  points,
}: {
  label: string;
  rows: TrafficRow[];
  first: string;
  points: readonly TrafficPoint[] | null;
}) {
  return (
    <Paper variant="outlined" sx={{ flex: 1, minWidth: 420, overflow: 'auto' }}>
      <Typography variant="subtitle1" sx={{ px: 2, pt: 1 }}>
        {label}
      </Typography>
      <Table size="small" aria-label={label} sx={{ '& td[align=right], & th[align=right]': { whiteSpace: 'nowrap' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{first}</TableCell>
            <TableCell align="right">Send/s</TableCell>
            <TableCell align="right">Receive/s</TableCell>
            <TableCell align="right">Sent</TableCell>
            <TableCell align="right">Received</TableCell>
            {points && <TableCell>Last minutes</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.slice(0, LISTED).map((r) => (
            <TableRow key={r.key} data-pid={r.pid ?? undefined}>
              <TableCell>
                <Typography variant="body2">{r.label}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {r.detail}
                </Typography>
              </TableCell>
              <TableCell align="right">{r.sendRate === null ? '…' : formatRate(r.sendRate)}</TableCell>
              <TableCell align="right">{r.receiveRate === null ? '…' : formatRate(r.receiveRate)}</TableCell>
              <TableCell align="right">{formatBytes(r.bytesSent)}</TableCell>
              <TableCell align="right">{formatBytes(r.bytesReceived)}</TableCell>
              {points && (
                <TableCell sx={{ py: 0 }}>
                  {r.pid !== null && points.length > 1 && (
                    <Sparkline data={seriesOf(points.slice(-60), (p) => p.processes, r.pid)} />
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>
                <Typography color="text.secondary">No traffic counted here yet.</Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}

export function TrafficView({ snapshot, full }: { snapshot: Snapshot; full: Snapshot }) {
  const points = useTrafficHistory();
  const processes = useMemo(() => trafficRows(snapshot, 'process'), [snapshot]);
  const remotes = useMemo(() => trafficRows(snapshot, 'remote'), [snapshot]);
  const t = full.traffic;
  if (!t)
    return (
      <Alert severity="info" sx={{ m: 2 }}>
        This snapshot has no traffic counters: it was taken before Sockeye counted traffic, or by a collector that does
        not.
      </Alert>
    );
  if (!t.available)
    return (
      <Alert severity="warning" sx={{ m: 2 }} role="alert">
        Traffic unavailable: {t.unavailableReason}. Every other view works as usual; interface throughput is under
        Addresses.
      </Alert>
    );
  return (
    <Box sx={{ height: '100%', overflow: 'auto', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="body2" color="text.secondary">
        Bytes per second from the kernel&apos;s TCP counters ({t.source}), no packet capture.{' '}
        {t.intervalMs === null
          ? 'Rates need two samples: turn on live refresh.'
          : `Rates over the last ${(t.intervalMs / 1000).toFixed(1)} s.`}{' '}
        {t.unattributed.connections > 0 &&
          `${formatBytes(t.unattributed.bytesSent + t.unattributed.bytesReceived)} on ${t.unattributed.connections} connection(s) could not be tied to a process.`}
        {t.lostEvents > 0 && ` The kernel dropped ${t.lostEvents} close event(s).`} UDP has no counters.
      </Typography>
      <Paper variant="outlined">
        <StackedChart points={points} rows={processes} />
      </Paper>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <RowsTable label="Top processes" first="Process" rows={processes} points={points} />
        <RowsTable label="Top remote hosts" first="Remote host" rows={remotes} points={null} />
      </Box>
    </Box>
  );
}
