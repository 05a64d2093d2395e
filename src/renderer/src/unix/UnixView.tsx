/**
 * Unix domain sockets: path or abstract name, type, state, side, the peer (the process at the
 * other end, from the kernel's peer information) and every holder. The filter applies
 * (`proto:unix`, `proc:`, a path as free text).
 */
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { Process, Snapshot, UnixSocket } from '../../../common/model/model';
import { gridDefaults } from '../grid/gridDefaults';
import { processText } from '../../../common/text/ownerWords';
import { useGridModels } from '../grid/useGridModels';
import { visibleText } from '../ui/visibleText';

interface Row {
  id: number;
  socket: UnixSocket;
  owner: string;
  peer: string;
}

const holders = (pids: readonly number[], procs: Map<number, Process>) =>
  pids.length === 0 ? 'hidden' : pids.map((pid) => processText(pid, procs)).join(', ');

const columns: GridColDef<Row>[] = [
  { field: 'type', headerName: 'Type', width: 100, valueGetter: (_v, r) => r.socket.type },
  { field: 'state', headerName: 'State', width: 120, valueGetter: (_v, r) => r.socket.state },
  {
    field: 'path',
    headerName: 'Path',
    flex: 1.4,
    minWidth: 220,
    valueGetter: (_v, r) => r.socket.path ?? r.socket.peerPath ?? '',
    renderCell: (p) => {
      const s = p.row.socket;
      const text = s.path ?? (s.peerPath ? `→ ${s.peerPath}` : '(unnamed)');
      return <span title={text}>{text}</span>;
    },
  },
  { field: 'side', headerName: 'Side', width: 80, valueGetter: (_v, r) => r.socket.side ?? '—' },
  {
    field: 'owner',
    headerName: 'Process',
    flex: 1,
    minWidth: 200,
    renderCell: (p) => <span title={p.row.owner}>{p.row.owner}</span>,
  },
  {
    field: 'peer',
    headerName: 'Peer process',
    flex: 1,
    minWidth: 200,
    renderCell: (p) => <span title={p.row.peer}>{p.row.peer}</span>,
  },
  { field: 'inode', headerName: 'Inode', width: 100, type: 'number', valueGetter: (_v, r) => r.socket.inode },
];

export function UnixView({ snapshot, filterText }: { snapshot: Snapshot; filterText?: string }) {
  const rows = useMemo<Row[]>(() => {
    const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
    const byInode = new Map((snapshot.unixSockets ?? []).map((u) => [u.inode, u]));
    return (snapshot.unixSockets ?? []).map((u) => {
      const peer = u.peerInode === null ? undefined : byInode.get(u.peerInode);
      return {
        id: u.inode,
        socket: u,
        owner: holders(u.pids, procs),
        peer: u.peerInode === null ? '—' : peer ? holders(peer.pids, procs) : `inode ${u.peerInode}`,
      };
    });
  }, [snapshot]);
  const models = useGridModels('unix', [{ field: 'path', sort: 'asc' }]);
  return (
    <Box sx={{ height: '100%', minHeight: 300 }}>
      <DataGrid
        {...gridDefaults}
        {...models}
        aria-label="Unix sockets"
        rows={rows}
        columns={columns}
        localeText={{
          noRowsLabel: filterText
            ? `No rows match \`${visibleText(filterText)}\``
            : snapshot.unixSockets
              ? 'No Unix sockets in this snapshot'
              : 'This snapshot does not list Unix sockets (taken before they were collected, or on a system without them)',
        }}
      />
    </Box>
  );
}
