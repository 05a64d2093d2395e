/** The Fleet page's two grids: its hosts (with their errors) and the edges between them. */
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import type { Fleet } from '../../../common/fleet/fleetModel';
import { SnapshotGrid } from '../grid/SnapshotGrid';
import { visibleFormatter } from '../ui/visibleText';
import { edgeRows, hostNames, hostRows, type EdgeRow, type HostRow } from './fleetRows';

const noOptions = () => [];

const hostColumns: GridColDef<HostRow>[] = [
  { field: 'name', headerName: 'Host', flex: 0.8, minWidth: 140, valueFormatter: visibleFormatter },
  {
    field: 'state',
    headerName: 'State',
    width: 90,
    valueGetter: (_v, r) => (r.host.ok ? 'ok' : 'error'),
  },
  {
    field: 'source',
    headerName: 'Source',
    flex: 1,
    minWidth: 200,
    valueGetter: (_v, r) => r.host.source,
    valueFormatter: visibleFormatter,
  },
  { field: 'sockets', headerName: 'Sockets', type: 'number', width: 90, valueGetter: (_v, r) => r.host.sockets },
  { field: 'out', headerName: 'Out', type: 'number', width: 70, valueGetter: (_v, r) => r.host.clientConnections },
  { field: 'in', headerName: 'In', type: 'number', width: 70, valueGetter: (_v, r) => r.host.serverConnections },
  {
    field: 'unmatched',
    headerName: 'Unmatched',
    type: 'number',
    width: 100,
    valueGetter: (_v, r) => r.host.unmatchedConnections,
  },
  {
    field: 'serves',
    headerName: 'Serves (beyond loopback) / error',
    flex: 1.6,
    minWidth: 240,
    valueGetter: (_v, r) => (r.host.ok ? r.serves : (r.host.error ?? '')),
    valueFormatter: visibleFormatter,
  },
];

const edgeColumns: GridColDef<EdgeRow>[] = [
  { field: 'client', headerName: 'Client', flex: 1, minWidth: 200, valueFormatter: visibleFormatter },
  { field: 'server', headerName: 'Server', flex: 1.2, minWidth: 220, valueFormatter: visibleFormatter },
  {
    field: 'port',
    headerName: 'Port',
    width: 100,
    valueGetter: (_v, r) => `${r.edge.protocol}/${r.edge.port}`,
  },
  { field: 'count', headerName: 'Connections', type: 'number', width: 110, valueGetter: (_v, r) => r.edge.count },
  { field: 'match', headerName: 'Seen by server', width: 130 },
];

export function FleetGrids({ fleet }: { fleet: Fleet }) {
  const { hosts, edges } = useMemo(() => {
    const names = hostNames(fleet);
    return { hosts: hostRows(fleet, names), edges: edgeRows(fleet, names) };
  }, [fleet]);
  return (
    <>
      <Typography variant="h6" component="h2">
        Hosts
      </Typography>
      <Box sx={{ height: 300, flexShrink: 0 }}>
        <SnapshotGrid
          view="fleet-hosts"
          label="Fleet hosts"
          rows={hosts}
          columns={hostColumns}
          defaultSort={[]}
          optionsFor={noOptions}
          emptyText="No hosts"
        />
      </Box>
      <Typography variant="h6" component="h2">
        Connections between hosts
      </Typography>
      <Box sx={{ height: 400, flexShrink: 0 }}>
        <SnapshotGrid
          view="fleet-edges"
          label="Cross-host edges"
          rows={edges}
          columns={edgeColumns}
          defaultSort={[]}
          optionsFor={noOptions}
          emptyText="No connection from one host of the fleet to another"
        />
      </Box>
    </>
  );
}
