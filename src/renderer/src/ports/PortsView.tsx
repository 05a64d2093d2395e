import { useCallback, useMemo } from 'react';
import { SnapshotGrid, type RowStatus } from '../grid/SnapshotGrid';
import { visibleText } from '../ui/visibleText';
import type { SockeyeApi } from '../../../common/contract/api';
import { StopButton } from '../actions/ActionButtons';
import { FindPortBox } from '../actions/FindPortBox';
import Box from '@mui/material/Box';
import { actionsColumn } from '../actions/actionsColumn';
import { PortHistoryButton } from '../history/HistorySections';
import { isListening } from '../../../common/derive/listening';
import Chip from '@mui/material/Chip';
import type { GridColDef } from '@mui/x-data-grid';
import type { Snapshot, Socket } from '../../../common/model/model';
import { exposureOf } from '../../../common/derive/exposure';
import { socketKeys } from '../../../common/snapshot/snapshotDelta';
import type { Changes } from '../state/useSnapshot';
import { socketCellOptions } from '../filter/filterOptions';
import { ScopeChip } from '../ui/chips';
import { ServiceCell } from '../ui/ServiceCell';
import { ownerText, ownerWhy } from '../ui/ownerText';

interface Row {
  id: string;
  socket: Socket;
  owner: string;
  privileged: boolean;
  status: RowStatus;
}

const EXPOSURE_COLOR = {
  'this machine only': 'success',
  'private network': 'info',
  'all interfaces': 'warning',
  public: 'error',
} as const;

const columns: GridColDef<Row>[] = [
  {
    field: 'port',
    headerName: 'Port',
    width: 90,
    type: 'number',
    valueGetter: (_v, r) => r.socket.localPort,
    valueFormatter: (v: number) => String(v),
  },
  {
    field: 'protocol',
    headerName: 'Proto',
    width: 70,
    valueGetter: (_v, r) => r.socket.protocol + (r.socket.family === 'IPv6' ? '6' : ''),
  },
  { field: 'address', headerName: 'Bind address', width: 180, valueGetter: (_v, r) => r.socket.localAddress },
  {
    field: 'scope',
    headerName: 'Scope',
    width: 130,
    valueGetter: (_v, r) => r.socket.localScope,
    renderCell: (p) => <ScopeChip scope={p.row.socket.localScope} />,
  },
  {
    field: 'exposure',
    headerName: 'Reachable from',
    width: 170,
    valueGetter: (_v, r) => exposureOf(r.socket.localScope),
    renderCell: (p) => {
      const e = exposureOf(p.row.socket.localScope);
      return (
        <Chip
          size="small"
          label={e}
          color={EXPOSURE_COLOR[e as keyof typeof EXPOSURE_COLOR] ?? 'default'}
          variant="outlined"
        />
      );
    },
  },
  {
    field: 'service',
    headerName: 'Service',
    width: 120,
    valueGetter: (_v, r) => r.socket.service ?? r.socket.serviceHint ?? '',
    renderCell: (p) => <ServiceCell socket={p.row.socket} />,
  },
  { field: 'portClass', headerName: 'Port class', width: 110, valueGetter: (_v, r) => r.socket.portClass ?? '' },
  {
    field: 'owner',
    headerName: 'Process',
    flex: 1,
    minWidth: 220,
    // The full text on hover (long labels are cut), or why no owner is shown.
    renderCell: (p) => (
      <span title={ownerWhy(p.row.socket, p.row.privileged) ?? p.row.owner}>{visibleText(p.row.owner)}</span>
    ),
  },
  actionsColumn<Row>(96, (row, tabIndex) => (
    <>
      <StopButton pid={row.socket.pid} label={row.owner} tabIndex={tabIndex} />
      <PortHistoryButton port={row.socket.localPort} tabIndex={tabIndex} />
    </>
  )),
];

interface PortsViewProps {
  snapshot: Snapshot;
  /** New listeners are highlighted, gone ones linger faded (live refresh). */
  changes?: Changes;
  setFilter?: (expr: string) => void;
  /** The filter in force, for the empty grid's message. */
  filterText?: string;
  /** For "Find port": the whole snapshot, the API (its bind check), whether the view is a saved snapshot. */
  full?: Snapshot;
  api?: SockeyeApi;
  saved?: boolean;
}

export function PortsView({ snapshot, full, changes, setFilter, filterText, api, saved }: PortsViewProps) {
  const procs = useMemo(() => new Map(snapshot.processes.map((p) => [p.pid, p])), [snapshot]);
  const rows = useMemo<Row[]>(() => {
    const listeners = snapshot.sockets.filter(isListening);
    // Keys over the whole snapshot when live refresh gave them (they match `changes`), else over these rows.
    const keyOf = changes?.keyOf;
    const own = keyOf && listeners.every((s) => keyOf.has(s)) ? null : socketKeys(listeners);
    const out: Row[] = listeners.map((socket, i) => {
      const id = own ? own[i]! : keyOf!.get(socket)!;
      return {
        id,
        socket,
        owner: ownerText(socket, procs, snapshot.host.privileged),
        privileged: snapshot.host.privileged,
        status: changes?.added.has(id) ? 'new' : null,
      };
    });
    for (const g of changes?.gone ?? []) {
      if (!isListening(g.socket)) continue;
      const gone = g.process ? new Map([[g.process.pid, g.process]]) : procs;
      out.push({
        id: `gone:${g.key}`,
        socket: g.socket,
        owner: ownerText(g.socket, gone, snapshot.host.privileged),
        privileged: snapshot.host.privileged,
        status: 'gone',
      });
    }
    return out;
  }, [snapshot, changes, procs]);
  const optionsFor = useCallback(
    (r: Row, field: string) =>
      socketCellOptions(r.socket, field, r.socket.pid === null ? undefined : procs.get(r.socket.pid)),
    [procs],
  );
  return (
    <Box sx={{ height: '100%', minHeight: 300, display: 'flex', flexDirection: 'column' }}>
      {api && <FindPortBox api={api} snapshot={full ?? snapshot} saved={saved === true} />}
      <Box sx={{ flexGrow: 1, minHeight: 0 }}>
        <SnapshotGrid
          view="ports"
          label="Ports"
          rows={rows}
          columns={columns}
          defaultSort={[{ field: 'port', sort: 'asc' }]}
          optionsFor={optionsFor}
          setFilter={setFilter}
          filterText={filterText}
          emptyText="Nothing is listening"
        />
      </Box>
    </Box>
  );
}
