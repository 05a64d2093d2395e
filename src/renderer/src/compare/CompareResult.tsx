/** What changed between two snapshots: a summary of counts, then each kind of change in a table. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Snapshot } from '../../../common/model/model';
import { diffHighlights, diffSnapshots, isEmptyDiff } from '../../../common/snapshot/snapshotDiff';
import { MAX_ROWS, ProcessTable, SocketTable } from './CompareTables';

/** The comparison of `from` with `to`, worked out once per pair. */
export function compareSnapshots(from: Snapshot, to: Snapshot, includeClosing = false) {
  const diff = diffSnapshots(from, to, { includeClosing });
  return {
    diff,
    h: diffHighlights(diff, from, to),
    before: new Map(from.processes.map((p) => [p.pid, p])),
    after: new Map(to.processes.map((p) => [p.pid, p])),
  };
}

type Comparison = ReturnType<typeof compareSnapshots>;

function SummaryChips({ h }: { h: Comparison['h'] }) {
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ flexWrap: 'wrap', rowGap: 1, mb: 2 }}
      aria-label="Summary of changes"
      role="group"
    >
      <Chip
        label={`${h.listenersOpened.length} listeners opened`}
        color={h.listenersOpened.length ? 'success' : 'default'}
      />
      <Chip
        label={`${h.listenersClosed.length} listeners closed`}
        color={h.listenersClosed.length ? 'error' : 'default'}
      />
      <Chip label={`${h.connectionsAdded.length} connections added`} />
      <Chip label={`${h.connectionsRemoved.length} connections removed`} />
      <Chip label={`${h.processesAppeared.length} processes appeared`} />
      <Chip label={`${h.processesVanished.length} processes vanished`} />
      <Chip label={`${h.rolesChanged.length} changed role`} color={h.rolesChanged.length ? 'warning' : 'default'} />
      <Chip
        label={`${h.newRemoteHosts.length} new remote hosts`}
        color={h.newRemoteHosts.length ? 'warning' : 'default'}
      />
    </Stack>
  );
}

function NewRemoteHosts({ hosts }: { hosts: readonly string[] }) {
  if (hosts.length === 0) return null;
  return (
    <Box component="section" aria-label="Remote hosts seen for the first time" sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        + Remote hosts seen for the first time ({hosts.length})
      </Typography>
      <Box component="ul" sx={{ fontFamily: 'monospace', m: 0 }}>
        {hosts.slice(0, MAX_ROWS).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </Box>
    </Box>
  );
}

export function CompareResult({ from, to, result }: { from: Snapshot; to: Snapshot; result: Comparison }) {
  return (
    <Box sx={{ mt: 2 }}>
      {from.host.hostname !== to.host.hostname && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          These snapshots are of different hosts ({from.host.hostname} and {to.host.hostname}).
        </Alert>
      )}
      <SummaryChips h={result.h} />
      <SocketTable title="Listeners opened" sockets={result.h.listenersOpened} procs={result.after} sign="+" />
      <SocketTable title="Listeners closed" sockets={result.h.listenersClosed} procs={result.before} sign="−" />
      <SocketTable title="Connections added" sockets={result.h.connectionsAdded} procs={result.after} sign="+" />
      <SocketTable title="Connections removed" sockets={result.h.connectionsRemoved} procs={result.before} sign="−" />
      <ProcessTable
        title="Processes that changed role"
        sign="~"
        rows={result.h.rolesChanged.map((c) => ({
          pid: c.pid,
          label: result.after.get(c.pid)?.label ?? c.name,
          detail: `${c.from} → ${c.to}`,
        }))}
      />
      <ProcessTable
        title="Processes appeared"
        sign="+"
        rows={result.h.processesAppeared.map((p) => ({ pid: p.pid, label: p.label, detail: p.role }))}
      />
      <ProcessTable
        title="Processes vanished"
        sign="−"
        rows={result.h.processesVanished.map((p) => ({ pid: p.pid, label: p.label, detail: p.role }))}
      />
      <NewRemoteHosts hosts={result.h.newRemoteHosts} />
      {isEmptyDiff(result.diff) && (
        <Alert severity="success">No changes: the same sockets and processes in both.</Alert>
      )}
    </Box>
  );
}
