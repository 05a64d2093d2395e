/** What the process serves: each listening port (binds, exposure) and who is connected to it. */
import Link from '@mui/material/Link';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ProcessStory } from '../../../common/viewModel/processStory';
import { CopyButton } from '../ui/CopyButton';
import { ExposedChip } from '../ui/ExposedChip';
import { endpoint } from '../ui/ownerText';
import { NothingText, Peer, peerText, portOf } from './StoryParts';

type ServedPort = ProcessStory['serves'][number];

/** The port's cell, spanning the rows of its clients. */
function PortCell({ sp, rows }: { sp: ServedPort; rows: number }) {
  return (
    <TableCell rowSpan={rows} sx={{ verticalAlign: 'top' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
        <strong>{portOf(sp)}</strong>
        <CopyButton value={String(sp.port)} what={`port ${sp.port}`} />
        {sp.exposure && <ExposedChip exposure={sp.exposure} />}
      </Box>
      {sp.binds.length > 0 && (
        <Typography variant="caption" component="div" color="text.secondary">
          on {sp.binds.map((b) => `${endpoint(b.address, sp.port)} (${b.exposure})`).join(', ')}
        </Typography>
      )}
    </TableCell>
  );
}

function servedRows(sp: ServedPort, onOpenProcess: (pid: number) => void) {
  const port = portOf(sp);
  const head = <PortCell sp={sp} rows={sp.clients.length || 1} />;
  if (sp.clients.length === 0) {
    return [
      <TableRow key={port}>
        {head}
        <TableCell colSpan={3}>
          <NothingText>no one connected</NothingText>
        </TableCell>
      </TableRow>,
    ];
  }
  return sp.clients.map((c, i) => (
    <TableRow key={`${port}|${i}`}>
      {i === 0 && head}
      <TableCell>
        <Peer peer={c.peer} onOpenProcess={onOpenProcess} />
        {c.via && (
          <Typography variant="caption" component="div" color="text.secondary">
            served by{' '}
            <Link component="button" onClick={() => onOpenProcess(c.via!.pid)}>
              {c.via.label} (pid {c.via.pid})
            </Link>
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">{c.connections}</TableCell>
      <TableCell sx={{ p: 0 }}>
        {c.peer.kind !== 'hidden' && (
          <CopyButton
            value={c.peer.kind === 'remote' ? c.peer.address : peerText(c.peer)}
            what={`client ${peerText(c.peer)}`}
          />
        )}
      </TableCell>
    </TableRow>
  ));
}

export function ServesTable({ story, onOpenProcess }: { story: ProcessStory; onOpenProcess(pid: number): void }) {
  if (story.serves.length === 0) {
    return <NothingText>Nothing: it has no listening port and no one is connected to it.</NothingText>;
  }
  return (
    <Table size="small" aria-label="Serves">
      <TableHead>
        <TableRow>
          <TableCell>Port</TableCell>
          <TableCell>Connected</TableCell>
          <TableCell align="right">Connections</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>{story.serves.flatMap((sp) => servedRows(sp, onOpenProcess))}</TableBody>
    </Table>
  );
}
