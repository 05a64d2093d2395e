import { useEffect, useMemo } from 'react';
import Box from '@mui/material/Box';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { Snapshot, Socket } from '../../../shared/model';
import { socketKeys } from '../../../shared/snapshotDelta';
import type { Changes } from '../useSnapshot';
import { ScopeChip } from '../components/chips';
import { gridDefaults, markPaintAfterRender } from './gridDefaults';
import { endpoint, ownerText } from './ownerText';

interface Row {
  id: string;
  socket: Socket;
  local: string;
  remote: string;
  owner: string;
  status: 'new' | 'gone' | null;
}

const columns: GridColDef<Row>[] = [
  { field: 'protocol', headerName: 'Proto', width: 70, valueGetter: (_v, r) => r.socket.protocol + (r.socket.family === 'IPv6' ? '6' : '') },
  { field: 'state', headerName: 'State', width: 120, valueGetter: (_v, r) => r.socket.state ?? '—' },
  { field: 'local', headerName: 'Local', flex: 1, minWidth: 170 },
  { field: 'remote', headerName: 'Remote', flex: 1, minWidth: 170 },
  { field: 'side', headerName: 'Side', width: 80, valueGetter: (_v, r) => r.socket.side ?? '—' },
  { field: 'localScope', headerName: 'Local scope', width: 130, valueGetter: (_v, r) => r.socket.localScope, renderCell: (p) => <ScopeChip scope={p.row.socket.localScope} /> },
  { field: 'remoteScope', headerName: 'Remote scope', width: 130, valueGetter: (_v, r) => r.socket.remoteScope ?? '', renderCell: (p) => <ScopeChip scope={p.row.socket.remoteScope} /> },
  { field: 'service', headerName: 'Service', width: 110, valueGetter: (_v, r) => r.socket.service ?? '' },
  { field: 'owner', headerName: 'Process', flex: 1.2, minWidth: 200 },
];

export function ConnectionsView({ snapshot, changes }: { snapshot: Snapshot; changes: Changes }) {
  const rows = useMemo<Row[]>(() => {
    const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
    const keys = socketKeys(snapshot.sockets);
    const make = (socket: Socket, id: string, status: Row['status']): Row => ({
      id,
      socket,
      local: endpoint(socket.localAddress, socket.localPort),
      remote: endpoint(socket.remoteAddress, socket.remotePort),
      owner: ownerText(socket, procs, snapshot.host.privileged),
      status,
    });
    const out = snapshot.sockets.map((s, i) => make(s, keys[i]!, changes.added.has(keys[i]!) ? 'new' : null));
    for (const g of changes.gone) out.push(make(g.socket, `gone:${g.key}`, 'gone'));
    return out;
  }, [snapshot, changes]);

  useEffect(() => markPaintAfterRender('sockeye:connections-painted'), [rows]);

  return (
    <Box sx={{ height: '100%', minHeight: 300 }}>
      <DataGrid
        {...gridDefaults}
        aria-label="Connections"
        rows={rows}
        columns={columns}
        getRowClassName={(p) => (p.row.status ? `row-${p.row.status}` : '')}
        localeText={{ noRowsLabel: 'No sockets in this snapshot' }}
      />
    </Box>
  );
}
