/**
 * A process's whole story: who it is (path, command line, user, parent, start time), what it
 * serves and who is connected, what it uses — each value with a copy button — and its sockets.
 * Opened from a map node and from a row of the Processes view.
 */
import { holds } from '../../../common/derive/holders';
import { visibleText } from '../ui/visibleText';
import { StopButton } from '../actions/ActionButtons';
import { memo, useMemo } from 'react';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import Typography from '@mui/material/Typography';
import type { Snapshot } from '../../../common/model/model';
import { buildProcessStory, type ProcessStory as Story } from '../../../common/viewModel/processStory';
import { RoleChip } from '../ui/chips';
import { useNameLookup } from './useNameLookup';
import { AboutTable } from './AboutTable';
import { ServesTable } from './ServesTable';
import { SocketsTable } from './SocketsTable';
import { SectionTitle, StoryHeader } from './StoryParts';
import { UsesTable } from './UsesTable';
import { ProcessHistorySection } from '../history/HistorySections';

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
            <StoryHeader title={`pid ${pid}`} onClose={onClose} />
            <Typography>This process is no longer in the snapshot (it may have exited).</Typography>
          </Box>
        ) : (
          story && <StoryBody story={story} snapshot={snapshot} onClose={onClose} onOpenProcess={onOpenProcess} />
        )}
      </Box>
    </Drawer>
  );
});

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
  // Busiest connections first where the snapshot counts traffic.
  const sockets = useMemo(
    () =>
      snapshot.sockets
        .filter((s) => holds(s, p.pid))
        .sort(
          (a, b) =>
            (b.sendRate ?? 0) + (b.receiveRate ?? 0) - ((a.sendRate ?? 0) + (a.receiveRate ?? 0)) ||
            (b.bytesSent ?? 0) + (b.bytesReceived ?? 0) - ((a.bytesSent ?? 0) + (a.bytesReceived ?? 0)),
        ),
    [snapshot, p.pid],
  );
  return (
    <Box role="region" aria-label={`Process ${p.label}`}>
      <StoryHeader
        title={visibleText(p.label)}
        onClose={onClose}
        actions={<StopButton pid={p.pid} label={`${p.label} (${p.pid})`} />}
      >
        <RoleChip role={p.role} />
      </StoryHeader>
      <AboutTable story={story} onOpenProcess={onOpenProcess} />
      <SectionTitle>Serves</SectionTitle>
      <ServesTable story={story} onOpenProcess={onOpenProcess} />
      <SectionTitle>Uses</SectionTitle>
      <UsesTable story={story} onOpenProcess={onOpenProcess} />
      <SocketsTable sockets={sockets} traffic={snapshot.traffic} pid={p.pid} />
      <ProcessHistorySection pid={p.pid} />
    </Box>
  );
}
