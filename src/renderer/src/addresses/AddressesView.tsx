import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Snapshot } from '../../../common/model/model';
import { SCOPE_INFO } from '../../../common/viewModel/scopeInfo';
import { ScopeChip } from '../ui/chips';
import { formatBytes, formatRate } from '../../../common/traffic/trafficFormat';
import { useTrafficHistory, type TrafficPoint } from '../traffic/trafficHistory';
import { LazyRateChart } from '../traffic/LazyRateChart';

/** One interface's throughput now, in all, and over the last minutes. */
function Throughput({ name, snapshot, points }: { name: string; snapshot: Snapshot; points: readonly TrafficPoint[] }) {
  const now = snapshot.traffic?.interfaces.find((i) => i.name === name);
  if (!now) return null;
  const mine = points.filter((p) => p.interfaces.has(name));
  return (
    <Box aria-label={`Throughput of ${name}`} sx={{ my: 1 }}>
      <Typography variant="body2">
        Throughput: {now.sendRate === null ? 'sending … ' : `sending ${formatRate(now.sendRate)}, `}
        {now.receiveRate === null ? 'receiving … (rates need two samples)' : `receiving ${formatRate(now.receiveRate)}`}
        {' · '}
        {formatBytes(now.bytesSent)} sent, {formatBytes(now.bytesReceived)} received since boot
      </Typography>
      <LazyRateChart
        label={`Throughput of ${name} over time`}
        times={mine.map((p) => p.t)}
        series={[
          { label: 'send', data: mine.map((p) => p.interfaces.get(name)!.send) },
          { label: 'receive', data: mine.map((p) => p.interfaces.get(name)!.receive) },
        ]}
      />
    </Box>
  );
}

export function AddressesView({ snapshot }: { snapshot: Snapshot }) {
  const points = useTrafficHistory();
  if (snapshot.interfaces.length === 0)
    return <Typography sx={{ p: 2 }}>This snapshot lists no network interfaces.</Typography>;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2, overflow: 'auto', height: '100%' }}>
      {snapshot.interfaces.map((i) => (
        <Card key={i.name} variant="outlined">
          <CardContent>
            <Typography variant="h6" component="h2">
              {i.name} {i.internal ? '(internal)' : ''}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {i.mac ? `MAC ${i.mac}` : 'no hardware address'} · {i.up ? 'up' : 'down'}
            </Typography>
            <Throughput name={i.name} snapshot={snapshot} points={points} />
            <Table size="small" aria-label={`Addresses of ${i.name}`}>
              <TableHead>
                <TableRow>
                  <TableCell>Address</TableCell>
                  <TableCell>Network</TableCell>
                  <TableCell>Scope</TableCell>
                  <TableCell>What it means</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {i.addresses.map((a) => (
                  <TableRow key={a.address}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{a.address}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{a.cidr ?? '—'}</TableCell>
                    <TableCell>
                      <ScopeChip scope={a.scope} />
                    </TableCell>
                    <TableCell>{SCOPE_INFO[a.scope].explain}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}
