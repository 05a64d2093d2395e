import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CloseIcon from '@mui/icons-material/Close';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { Snapshot } from '../../../shared/model';
import { summarizeProcesses, type ProcessSummary } from '../../../shared/processSummary';
import { RoleChip } from '../components/chips';
import { gridDefaults } from './gridDefaults';
import { endpoint } from './ownerText';

const columns: GridColDef<ProcessSummary>[] = [
  { field: 'role', headerName: 'Role', width: 90, renderCell: (p) => <RoleChip role={p.row.role} /> },
  { field: 'label', headerName: 'Process', flex: 1, minWidth: 180 },
  { field: 'pid', headerName: 'PID', width: 80, type: 'number', valueFormatter: (v: number) => String(v) },
  { field: 'listening', headerName: 'Listening on', flex: 1, minWidth: 140, valueGetter: (_v, r) => r.listening.join(', ') },
  { field: 'inbound', headerName: 'Inbound', width: 90, type: 'number' },
  { field: 'outbound', headerName: 'Outbound', width: 95, type: 'number' },
  { field: 'user', headerName: 'User', width: 100, valueGetter: (_v, r) => r.user ?? '' },
  { field: 'path', headerName: 'Path', flex: 1, minWidth: 180, valueGetter: (_v, r) => r.path ?? '' },
];

export function ProcessesView({ snapshot }: { snapshot: Snapshot }) {
  const rows = useMemo(() => summarizeProcesses(snapshot), [snapshot]);
  const [openPid, setOpenPid] = useState<number | null>(null);
  const open = openPid === null ? undefined : rows.find((r) => r.pid === openPid);
  const sockets = useMemo(() => (openPid === null ? [] : snapshot.sockets.filter((s) => s.pid === openPid)), [snapshot, openPid]);
  return (
    <Box sx={{ height: '100%', minHeight: 300 }}>
      <DataGrid
        {...gridDefaults}
        aria-label="Processes"
        rows={rows}
        columns={columns}
        getRowId={(r) => r.pid}
        onRowClick={(p) => setOpenPid(p.row.pid)}
        initialState={{ sorting: { sortModel: [{ field: 'label', sort: 'asc' }] } }}
        localeText={{ noRowsLabel: 'No process owns a socket (or their owners are hidden)' }}
      />
      <Drawer anchor="right" open={open !== undefined} onClose={() => setOpenPid(null)}>
        {open && (
          <Box sx={{ width: 640, p: 2 }} role="region" aria-label={`Process ${open.label}`}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
                {open.label} <RoleChip role={open.role} />
              </Typography>
              <IconButton aria-label="Close process details" onClick={() => setOpenPid(null)}>
                <CloseIcon />
              </IconButton>
            </Box>
            <Typography variant="body2">pid {open.pid} · parent {open.ppid ?? '?'} · user {open.user ?? '?'}</Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              {open.path ?? '(path hidden)'}
            </Typography>
            <Typography variant="body2" sx={{ wordBreak: 'break-all', fontFamily: 'monospace', my: 1 }}>
              {open.cmdline ?? ''}
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
                {sockets.slice(0, 500).map((s, i) => (
                  <TableRow key={i}>
                    <TableCell>{s.protocol}</TableCell>
                    <TableCell>{s.state ?? '—'}</TableCell>
                    <TableCell>{endpoint(s.localAddress, s.localPort)}</TableCell>
                    <TableCell>{endpoint(s.remoteAddress, s.remotePort)}</TableCell>
                    <TableCell>{s.side ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {sockets.length > 500 && <Typography variant="caption">…and {sockets.length - 500} more (see Connections)</Typography>}
          </Box>
        )}
      </Drawer>
    </Box>
  );
}
