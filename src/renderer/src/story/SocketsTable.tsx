/** The process's own sockets, the first SOCKET_ROWS of them (the Connections tab has them all). */
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Snapshot, Socket } from '../../../common/model/model';
import { TrafficValue } from '../traffic/TrafficValue';
import { formatBytes, formatRate } from '../../../common/traffic/trafficFormat';
import { endpoint } from '../ui/ownerText';
import { ResolvedAddress } from '../dns/ResolvedAddress';
import { SectionTitle } from './StoryParts';

const SOCKET_ROWS = 500;

/** The process's traffic in all: sent, received, the rate now, and what closed connections carried. */
function TrafficLine({ traffic, pid }: { traffic: Snapshot['traffic']; pid: number }) {
  const t = traffic?.processes.find((x) => x.pid === pid);
  if (!t) return null;
  return (
    <Typography variant="body2" aria-label="Traffic of this process">
      Traffic: sent {formatBytes(t.bytesSent)}, received {formatBytes(t.bytesReceived)}
      {t.sendRate !== null && ` · now ${formatRate(t.sendRate)} out, ${formatRate(t.receiveRate)} in`}
      {t.closedConnections > 0 &&
        ` · includes ${t.closedConnections} closed connection(s): ${formatBytes(t.closedBytesSent + t.closedBytesReceived)}`}
    </Typography>
  );
}

export function SocketsTable({
  sockets,
  traffic,
  pid,
}: {
  sockets: readonly Socket[];
  traffic: Snapshot['traffic'];
  pid: number;
}) {
  return (
    <>
      <SectionTitle>
        Sockets <Chip size="small" label={sockets.length} />
      </SectionTitle>
      <TrafficLine traffic={traffic} pid={pid} />
      <Table size="small" aria-label="Sockets of this process">
        <TableHead>
          <TableRow>
            <TableCell>Proto</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Local</TableCell>
            <TableCell>Remote</TableCell>
            <TableCell>Side</TableCell>
            <TableCell align="right">Sent</TableCell>
            <TableCell align="right">Received</TableCell>
            <TableCell align="right">Rate</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sockets.slice(0, SOCKET_ROWS).map((s, i) => (
            <TableRow key={i}>
              <TableCell>{s.protocol}</TableCell>
              <TableCell>{s.state ?? '—'}</TableCell>
              <TableCell>{endpoint(s.localAddress, s.localPort)}</TableCell>
              <TableCell>
                <ResolvedAddress address={s.remoteAddress} port={s.remotePort} />
              </TableCell>
              <TableCell>{s.side ?? '—'}</TableCell>
              <TableCell align="right">
                <TrafficValue value={s.bytesSent} kind="bytes" protocol={s.protocol} traffic={traffic} />
              </TableCell>
              <TableCell align="right">
                <TrafficValue value={s.bytesReceived} kind="bytes" protocol={s.protocol} traffic={traffic} />
              </TableCell>
              <TableCell align="right">
                <TrafficValue
                  value={typeof s.sendRate === 'number' ? s.sendRate + (s.receiveRate ?? 0) : null}
                  kind="rate"
                  protocol={s.protocol}
                  traffic={traffic}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {sockets.length > SOCKET_ROWS && (
        <Typography variant="caption">…and {sockets.length - SOCKET_ROWS} more (see Connections)</Typography>
      )}
    </>
  );
}
