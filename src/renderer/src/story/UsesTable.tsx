/** What the process uses: each server it is connected to, on which port, how many connections. */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ProcessStory } from '../../../common/viewModel/processStory';
import { CopyButton } from '../ui/CopyButton';
import { endpoint } from '../ui/ownerText';
import { NothingText, Peer, peerText, portOf } from './StoryParts';

type UsedServer = ProcessStory['uses'][number];

/** What the copy button next to a server copies: its endpoint, or the process and port. */
function copyText(u: UsedServer): string {
  if (u.peer.kind === 'remote') return endpoint(u.peer.address, u.port);
  if (u.peer.kind === 'process') return `${peerText(u.peer)} port ${u.port}`;
  return `port ${u.port}`;
}

export function UsesTable({ story, onOpenProcess }: { story: ProcessStory; onOpenProcess(pid: number): void }) {
  if (story.uses.length === 0) return <NothingText>Nothing: it is connected to no server.</NothingText>;
  return (
    <Table size="small" aria-label="Uses">
      <TableHead>
        <TableRow>
          <TableCell>Server</TableCell>
          <TableCell>Port</TableCell>
          <TableCell align="right">Connections</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {story.uses.map((u, i) => (
          <TableRow key={i}>
            <TableCell>
              <Peer peer={u.peer} onOpenProcess={onOpenProcess} />
            </TableCell>
            <TableCell>
              {portOf(u)}
              {u.published ? ` (published as ${endpoint(u.published.address, u.published.port)})` : ''}
            </TableCell>
            <TableCell align="right">{u.connections}</TableCell>
            <TableCell sx={{ p: 0 }}>
              <CopyButton value={copyText(u)} what={`server ${peerText(u.peer)} port ${u.port}`} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
