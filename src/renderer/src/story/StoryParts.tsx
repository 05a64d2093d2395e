/** The small pieces of a process's story: the drawer's header, a fact row, a peer, a port. */
import { visibleText } from '../ui/visibleText';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import type { StoryPeer } from '../../../common/viewModel/processStory';
import { CopyButton } from '../ui/CopyButton';
import { RoleChip, ScopeChip } from '../ui/chips';

export function StoryHeader({
  title,
  onClose,
  children,
  actions,
}: {
  title: string;
  onClose(): void;
  children?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
      <Typography
        variant="h6"
        component="h2"
        sx={{ flexGrow: 1, display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}
      >
        <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {title}
        </Box>
        {children}
      </Typography>
      {actions}
      <IconButton aria-label="Close process details" onClick={onClose}>
        <CloseIcon />
      </IconButton>
    </Box>
  );
}

export function Fact({ name, value, copy }: { name: string; value: React.ReactNode; copy: string | null }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ width: 130, verticalAlign: 'top', fontWeight: 500 }}>
        {name}
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-all', fontFamily: name === 'Command line' ? 'monospace' : undefined }}>
        {value}
      </TableCell>
      <TableCell sx={{ width: 40, p: 0 }}>
        {copy !== null && copy !== '' && <CopyButton value={copy} what={name.toLowerCase()} />}
      </TableCell>
    </TableRow>
  );
}

/** Text of a peer as shown and as copied. */
export function peerText(p: StoryPeer): string {
  if (p.kind === 'process') return `${visibleText(p.label)} (pid ${p.pid})`;
  if (p.kind === 'hidden') return 'a hidden process on this machine';
  return p.name ? `${p.name} (${p.address})` : p.address;
}

export function Peer({ peer, onOpenProcess }: { peer: StoryPeer; onOpenProcess(pid: number): void }) {
  if (peer.kind === 'process') {
    return (
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
        <Link component="button" onClick={() => onOpenProcess(peer.pid)} aria-label={`Open ${peerText(peer)}`}>
          {peerText(peer)}
        </Link>
        {peer.role && <RoleChip role={peer.role} />}
      </Box>
    );
  }
  if (peer.kind === 'hidden') return <em>{peerText(peer)}</em>;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
      {peerText(peer)} <ScopeChip scope={peer.scope} />
    </Box>
  );
}

export const portOf = (p: { port: number; protocol: string; service: string | null }) =>
  `${p.port}/${p.protocol}${p.service ? ` (${p.service})` : ''}`;

/** A section's heading (`Serves`, `Uses`, `Sockets`). */
export function SectionTitle({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
      {children}
    </Typography>
  );
}

/** What a section says when it has nothing to list. */
export function NothingText({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {children}
    </Typography>
  );
}
