/**
 * A process's whole story: who it is (path, command line, user, parent, start time), what it
 * serves and who is connected, what it uses — each value with a copy button — and its sockets.
 * Opened from a map node and from a row of the Processes view.
 */
import { memo, useMemo } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import type { Snapshot } from '../../../../shared/model';
import { buildProcessStory, type ProcessStory as Story, type StoryPeer } from '../../../../shared/graph/processStory';
import { CopyButton } from '../../components/CopyButton';
import { RoleChip, ScopeChip } from '../../components/chips';
import { ExposedChip } from '../../components/ExposedChip';
import { endpoint } from '../ownerText';
import { holds } from '../../../../shared/holders';
import { useNameLookup } from './useNameLookup';
import { ResolvedAddress } from '../../dns/ResolvedAddress';

const SOCKET_ROWS = 500;

interface Props {
  /** The whole snapshot: a story is told in full even when a filter narrows the views. */
  snapshot: Snapshot;
  pid: number | null;
  onClose(): void;
  /** Open another process's story (a peer, the parent). */
  onOpenProcess(pid: number): void;
}

/** The story in a drawer on the right; closed when `pid` is null. */
/** Memoised: the map re-renders on every frame while it draws, and the closed drawer need not. */
export const ProcessStoryDrawer = memo(function ProcessStoryDrawer({ snapshot, pid, onClose, onOpenProcess }: Props) {
  const names = useNameLookup(snapshot);
  const story = useMemo(() => (pid === null ? null : buildProcessStory(snapshot, pid, names)), [snapshot, pid, names]);
  return (
    <Drawer anchor="right" open={pid !== null} onClose={onClose}>
      <Box sx={{ width: 680, maxWidth: '100vw', p: 2 }}>
        {pid !== null && !story ? (
          <Box role="region" aria-label={`Process ${pid}`}>
            <Header title={`pid ${pid}`} onClose={onClose} />
            <Typography>This process is no longer in the snapshot (it may have exited).</Typography>
          </Box>
        ) : (
          story && <StoryBody story={story} snapshot={snapshot} onClose={onClose} onOpenProcess={onOpenProcess} />
        )}
      </Box>
    </Drawer>
  );
});

function Header({ title, onClose, children }: { title: string; onClose(): void; children?: React.ReactNode }) {
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
      <IconButton aria-label="Close process details" onClick={onClose}>
        <CloseIcon />
      </IconButton>
    </Box>
  );
}

function Fact({ name, value, copy }: { name: string; value: React.ReactNode; copy: string | null }) {
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
  if (p.kind === 'process') return `${p.label} (pid ${p.pid})`;
  if (p.kind === 'hidden') return 'a hidden process on this machine';
  return p.name ? `${p.name} (${p.address})` : p.address;
}

function Peer({ peer, onOpenProcess }: { peer: StoryPeer; onOpenProcess(pid: number): void }) {
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

const portOf = (p: { port: number; protocol: string; service: string | null }) =>
  `${p.port}/${p.protocol}${p.service ? ` (${p.service})` : ''}`;

function StoryBody({
  story,
  snapshot,
  onClose,
  onOpenProcess,
}: {
  story: Story;
  snapshot: Snapshot;
  onClose(): void;
  onOpenProcess(pid: number): void;
}) {
  const p = story.process;
  const sockets = useMemo(() => snapshot.sockets.filter((s) => holds(s, p.pid)), [snapshot, p.pid]);
  const chainText = story.ancestors.map((a) => `${a.label ?? a.name} (${a.pid})`).join(' ← ');
  const parentText = story.parent
    ? story.parent.label
      ? `${story.parent.label} (pid ${story.parent.pid})`
      : `pid ${story.parent.pid}`
    : null;
  const started = p.startedAt ? new Date(p.startedAt) : null;
  return (
    <Box role="region" aria-label={`Process ${p.label}`}>
      <Header title={p.label} onClose={onClose}>
        <RoleChip role={p.role} />
      </Header>

      <Table size="small" aria-label="About this process">
        <TableBody>
          <Fact name="PID" value={p.pid} copy={String(p.pid)} />
          <Fact name="Path" value={p.path ?? '(hidden)'} copy={p.path} />
          <Fact name="Command line" value={p.cmdline ?? '(hidden)'} copy={p.cmdline} />
          <Fact name="User" value={p.user ?? '(unknown)'} copy={p.user} />
          <Fact
            name="Parent"
            value={
              story.parent === null ? (
                'none'
              ) : story.parent.label ? (
                <Link component="button" onClick={() => onOpenProcess(story.parent!.pid)}>
                  {parentText}
                </Link>
              ) : (
                parentText
              )
            }
            copy={parentText}
          />
          {story.family.length > 1 && (
            <Fact
              name="Service"
              value={
                <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 1 }}>
                  {story.family.map((m) =>
                    m.pid === p.pid ? (
                      <strong key={m.pid}>{`${m.label} (pid ${m.pid})`}</strong>
                    ) : (
                      <Link key={m.pid} component="button" onClick={() => onOpenProcess(m.pid)}>
                        {`${m.label} (pid ${m.pid})`}
                      </Link>
                    ),
                  )}
                </Box>
              }
              copy={story.family.map((m) => `${m.label} (${m.pid})`).join(', ')}
            />
          )}
          {chainText && <Fact name="Ancestors" value={chainText} copy={chainText} />}
          {p.unit && <Fact name="Unit" value={p.unit} copy={p.unit} />}
          <Fact
            name="Started"
            value={started ? `${started.toLocaleString()} (${p.startedAt})` : '(unknown)'}
            copy={p.startedAt}
          />
          <Fact name="Working directory" value={p.cwd ?? '(hidden)'} copy={p.cwd} />
        </TableBody>
      </Table>

      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Serves
      </Typography>
      {story.serves.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing: it has no listening port and no one is connected to it.
        </Typography>
      ) : (
        <Table size="small" aria-label="Serves">
          <TableHead>
            <TableRow>
              <TableCell>Port</TableCell>
              <TableCell>Connected</TableCell>
              <TableCell align="right">Connections</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {story.serves.flatMap((sp) => {
              const port = portOf(sp);
              const rows = sp.clients.length || 1;
              const head = (
                <TableCell rowSpan={rows} sx={{ verticalAlign: 'top' }}>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
                    <strong>{port}</strong>
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
              if (sp.clients.length === 0) {
                return [
                  <TableRow key={port}>
                    {head}
                    <TableCell colSpan={3}>
                      <Typography variant="body2" color="text.secondary">
                        no one connected
                      </Typography>
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
            })}
          </TableBody>
        </Table>
      )}

      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Uses
      </Typography>
      {story.uses.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing: it is connected to no server.
        </Typography>
      ) : (
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
            {story.uses.map((u, i) => {
              const copy =
                u.peer.kind === 'remote'
                  ? endpoint(u.peer.address, u.port)
                  : u.peer.kind === 'process'
                    ? `${peerText(u.peer)} port ${u.port}`
                    : `port ${u.port}`;
              return (
                <TableRow key={i}>
                  <TableCell>
                    <Peer peer={u.peer} onOpenProcess={onOpenProcess} />
                  </TableCell>
                  <TableCell>{portOf(u)}</TableCell>
                  <TableCell align="right">{u.connections}</TableCell>
                  <TableCell sx={{ p: 0 }}>
                    <CopyButton value={copy} what={`server ${peerText(u.peer)} port ${u.port}`} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Sockets <Chip size="small" label={sockets.length} />
      </Typography>
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
    </Box>
  );
}
