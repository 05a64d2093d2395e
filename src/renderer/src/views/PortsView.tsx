import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { Snapshot, Socket } from '../../../shared/model';
import { exposureOf } from '../../../shared/exposure';
import { socketKeys } from '../../../shared/snapshotDelta';
import { ScopeChip } from '../components/chips';
import { gridDefaults } from './gridDefaults';
import { ownerText } from './ownerText';

interface Row {
  id: string;
  socket: Socket;
  owner: string;
}

const EXPOSURE_COLOR = { 'this machine only': 'success', 'private network': 'info', 'all interfaces': 'warning', public: 'error' } as const;

const columns: GridColDef<Row>[] = [
  { field: 'port', headerName: 'Port', width: 90, type: 'number', valueGetter: (_v, r) => r.socket.localPort, valueFormatter: (v: number) => String(v) },
  { field: 'protocol', headerName: 'Proto', width: 70, valueGetter: (_v, r) => r.socket.protocol + (r.socket.family === 'IPv6' ? '6' : '') },
  { field: 'address', headerName: 'Bind address', width: 180, valueGetter: (_v, r) => r.socket.localAddress },
  { field: 'scope', headerName: 'Scope', width: 130, valueGetter: (_v, r) => r.socket.localScope, renderCell: (p) => <ScopeChip scope={p.row.socket.localScope} /> },
  {
    field: 'exposure',
    headerName: 'Reachable from',
    width: 170,
    valueGetter: (_v, r) => exposureOf(r.socket.localScope),
    renderCell: (p) => {
      const e = exposureOf(p.row.socket.localScope);
      return <Chip size="small" label={e} color={EXPOSURE_COLOR[e as keyof typeof EXPOSURE_COLOR] ?? 'default'} variant="outlined" />;
    },
  },
  { field: 'service', headerName: 'Service', width: 120, valueGetter: (_v, r) => r.socket.service ?? '' },
  { field: 'portClass', headerName: 'Port class', width: 110, valueGetter: (_v, r) => r.socket.portClass ?? '' },
  { field: 'owner', headerName: 'Process', flex: 1, minWidth: 220 },
];

/** Listening sockets: TCP listeners and UDP sockets that serve. */
export function isListener(s: Socket): boolean {
  return s.state === 'LISTEN' || (s.protocol === 'udp' && s.remoteAddress === null && s.side === 'server');
}

export function PortsView({ snapshot }: { snapshot: Snapshot }) {
  const rows = useMemo<Row[]>(() => {
    const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
    const listeners = snapshot.sockets.filter(isListener);
    const keys = socketKeys(listeners);
    return listeners.map((socket, i) => ({ id: keys[i]!, socket, owner: ownerText(socket, procs, snapshot.host.privileged) }));
  }, [snapshot]);
  return (
    <Box sx={{ height: '100%', minHeight: 300 }}>
      <DataGrid
        {...gridDefaults}
        aria-label="Ports"
        rows={rows}
        columns={columns}
        initialState={{ sorting: { sortModel: [{ field: 'port', sort: 'asc' }] } }}
        localeText={{ noRowsLabel: 'Nothing is listening' }}
      />
    </Box>
  );
}
