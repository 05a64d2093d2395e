/** The tables of a comparison: sockets opened or closed, processes that appeared, vanished, changed. */
import { endpointText } from '../../../common/text/endpointText';
import { visibleText } from '../ui/visibleText';
import { holdersText } from '../../../common/text/ownerWords';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Process, Socket } from '../../../common/model/model';

/** Rows shown per table; `sockeye diff` lists them all. */
export const MAX_ROWS = 500;

const endpoint = (address: string | null, port: number | null) => endpointText(address, port, { noPort: 'omit' });

export function SocketTable({
  title,
  sockets,
  procs,
  sign,
}: {
  title: string;
  sockets: Socket[];
  procs: Map<number, Process>;
  sign: '+' | '−';
}) {
  if (sockets.length === 0) return null;
  return (
    <Box component="section" aria-label={title} sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {sign} {title} ({sockets.length})
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>Protocol</TableCell>
            <TableCell>Local</TableCell>
            <TableCell>Remote</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Process</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sockets.slice(0, MAX_ROWS).map((s, i) => (
            <TableRow key={i}>
              <TableCell>{s.protocol}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{endpoint(s.localAddress, s.localPort)}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>
                {/* A server's peer came to it: local ← remote, as the CLI diff writes it. */}
                {s.remoteAddress === null ? '' : s.side === 'server' ? '← ' : '→ '}
                {endpoint(s.remoteAddress, s.remotePort)}
              </TableCell>
              <TableCell>{s.state ?? ''}</TableCell>
              <TableCell>{visibleText(holdersText(s, procs, true))}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {sockets.length > MAX_ROWS && (
        <Typography variant="body2">
          … and {sockets.length - MAX_ROWS} more (export both and use `sockeye diff` for all).
        </Typography>
      )}
    </Box>
  );
}

export function ProcessTable({
  title,
  rows,
  sign,
}: {
  title: string;
  rows: { pid: number; label: string; detail: string }[];
  sign: string;
}) {
  if (rows.length === 0) return null;
  return (
    <Box component="section" aria-label={title} sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {sign} {title} ({rows.length})
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>PID</TableCell>
            <TableCell>Process</TableCell>
            <TableCell>Role</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.slice(0, MAX_ROWS).map((r) => (
            <TableRow key={r.pid}>
              <TableCell>{r.pid}</TableCell>
              <TableCell>{visibleText(r.label)}</TableCell>
              <TableCell>{r.detail}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
