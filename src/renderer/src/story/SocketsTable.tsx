/** The process's own sockets, the first SOCKET_ROWS of them (the Connections tab has them all). */
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Socket } from '../../../common/model/model';
import { endpoint } from '../ui/ownerText';
import { ResolvedAddress } from '../dns/ResolvedAddress';
import { SectionTitle } from './StoryParts';

const SOCKET_ROWS = 500;

export function SocketsTable({ sockets }: { sockets: readonly Socket[] }) {
  return (
    <>
      <SectionTitle>
        Sockets <Chip size="small" label={sockets.length} />
      </SectionTitle>
      <Table size="small" aria-label="Sockets of this process">
        <TableHead>
          <TableRow>
            <TableCell>Proto</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Local</TableCell>
            <TableCell>Remote</TableCell>
            <TableCell>Side</TableCell>
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
