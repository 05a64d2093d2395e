import { visibleFormatter, visibleText } from '../ui/visibleText';
import { markPaintAfterRender } from '../state/perfMarks';
import { SnapshotGrid, type RowStatus } from '../grid/SnapshotGrid';
import { actionsColumn } from '../actions/actionsColumn';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { type GridColDef, type GridSortModel } from '@mui/x-data-grid';
import type { Process, Snapshot, Socket } from '../../../common/model/model';
import { socketKeys } from '../../../common/snapshot/snapshotDelta';
import type { Changes } from '../state/useSnapshot';
import { ScopeChip } from '../ui/chips';
import { ServiceCell } from '../ui/ServiceCell';
import { socketCellOptions } from '../filter/filterOptions';
import { endpoint, ownerText, ownerWhy } from '../ui/ownerText';
import { ResolvedAddress } from '../dns/ResolvedAddress';
import { DnsGridToolbar } from '../dns/DnsGridToolbar';
import { TrafficStatus, trafficColumns } from '../traffic/trafficColumns';
import { CloseButton, StopButton } from '../actions/ActionButtons';

/**
 * One grid row. Its texts are worked out when the grid first reads them — the few dozen rows on
 * screen, or every row once for a sort — instead of 60,000 strings up front for 20k sockets
 * (measured in the UI bench: building rows was one of the longest tasks after a snapshot).
 */
class Row {
  private localText: string | undefined;
  private remoteText: string | undefined;
  private ownerLabel: string | undefined;

  constructor(
    readonly id: string,
    readonly socket: Socket,
    readonly status: RowStatus,
    private readonly owners: Map<number, Process>,
    private readonly privileged: boolean,
    /** When live refresh first saw it (ms), and whether that is only "at or before". */
    readonly firstSeen: number | null = null,
    readonly seenBefore = false,
  ) {}

  get local(): string {
    return (this.localText ??= endpoint(this.socket.localAddress, this.socket.localPort));
  }

  get remote(): string {
    return (this.remoteText ??= endpoint(this.socket.remoteAddress, this.socket.remotePort));
  }

  get owner(): string {
    return (this.ownerLabel ??= ownerText(this.socket, this.owners, this.privileged));
  }

  get ownerTitle(): string {
    return ownerWhy(this.socket, this.privileged) ?? this.owner;
  }
}

// Rates beside the endpoints, where a wide grid still shows them; totals at the end.
const [sendRate, receiveRate, sent, received] = trafficColumns<Row>((r) => r.socket);

const columns: GridColDef<Row>[] = [
  {
    field: 'protocol',
    headerName: 'Proto',
    width: 70,
    valueGetter: (_v, r) => r.socket.protocol + (r.socket.family === 'IPv6' ? '6' : ''),
  },
  { field: 'state', headerName: 'State', width: 120, valueGetter: (_v, r) => r.socket.state ?? '—' },
  { field: 'local', headerName: 'Local', flex: 1, minWidth: 170 },
  {
    field: 'remote',
    headerName: 'Remote',
    // Room for the resolved name beside the address.
    flex: 1.6,
    minWidth: 260,
    renderCell: (p) => (
      <ResolvedAddress address={p.row.socket.remoteAddress} port={p.row.socket.remotePort} tabIndex={p.tabIndex} />
    ),
  },
  sendRate,
  receiveRate,
  { field: 'side', headerName: 'Side', width: 80, valueGetter: (_v, r) => r.socket.side ?? '—' },
  {
    field: 'localScope',
    headerName: 'Local scope',
    width: 130,
    valueGetter: (_v, r) => r.socket.localScope,
    renderCell: (p) => <ScopeChip scope={p.row.socket.localScope} />,
  },
  {
    field: 'remoteScope',
    headerName: 'Remote scope',
    width: 130,
    valueGetter: (_v, r) => r.socket.remoteScope ?? '',
    renderCell: (p) => <ScopeChip scope={p.row.socket.remoteScope} />,
  },
  {
    field: 'service',
    headerName: 'Service',
    width: 110,
    valueGetter: (_v, r) => r.socket.service ?? r.socket.serviceHint ?? '',
    renderCell: (p) => <ServiceCell socket={p.row.socket} />,
  },
  {
    field: 'queues',
    headerName: 'Recv-Q / Send-Q',
    width: 130,
    type: 'number',
    // Sorted by what waits to be read; both shown, as ss prints them.
    valueGetter: (_v, r) => r.socket.recvQ ?? null,
    renderCell: (p) => (p.row.socket.recvQ === undefined ? '' : `${p.row.socket.recvQ} / ${p.row.socket.sendQ ?? 0}`),
  },
  {
    field: 'firstSeen',
    headerName: 'First seen',
    width: 110,
    description: 'When live refresh first saw the socket (≤: it was already there when this window started)',
    valueGetter: (_v, r) => r.firstSeen,
    renderCell: (p) =>
      p.row.firstSeen === null
        ? ''
        : `${p.row.seenBefore ? '≤ ' : ''}${new Date(p.row.firstSeen).toLocaleTimeString([], { hour12: false })}`,
  },
  {
    field: 'owner',
    headerName: 'Process',
    flex: 1.2,
    minWidth: 200,
    // The full text on hover (long labels are cut), or why no owner is shown.
    valueFormatter: visibleFormatter,
    renderCell: (p) => <span title={p.row.ownerTitle}>{visibleText(p.row.owner)}</span>,
  },
  actionsColumn<Row>(84, (row, tabIndex) => (
    <>
      <CloseButton socket={row.socket} tabIndex={tabIndex} />
      <StopButton pid={row.socket.pid} label={row.owner} tabIndex={tabIndex} />
    </>
  )),
  sent,
  received,
];

const NO_SORT: GridSortModel = [];

interface ConnectionsViewProps {
  snapshot: Snapshot;
  changes: Changes;
  setFilter?: (expr: string) => void;
  /** The filter in force, for the empty grid's message. */
  filterText?: string;
}

export function ConnectionsView({ snapshot, changes, setFilter, filterText }: ConnectionsViewProps) {
  const procs = useMemo(() => new Map(snapshot.processes.map((p) => [p.pid, p])), [snapshot]);
  // Row objects are reused while their socket, owner and status are the same, so a refresh or a
  // keystroke in the filter box does not rebuild 20k rows (and the grid's memoised rows stay put).
  const cache = useRef(new WeakMap<Socket, { row: Row; process: Process | undefined; privileged: boolean }>());
  const rows = useMemo<Row[]>(() => {
    const make = (socket: Socket, id: string, status: Row['status'], owners: Map<number, Process>): Row => {
      const process = socket.pid === null ? undefined : owners.get(socket.pid);
      const privileged = snapshot.host.privileged;
      const seen = changes.firstSeen?.get(id) ?? null;
      const hit = cache.current.get(socket);
      if (
        hit &&
        hit.row.id === id &&
        hit.row.status === status &&
        hit.process === process &&
        hit.privileged === privileged &&
        hit.row.firstSeen === seen
      )
        return hit.row;
      const row = new Row(id, socket, status, owners, privileged, seen, seen !== null && seen === changes.seenSince);
      cache.current.set(socket, { row, process, privileged });
      return row;
    };
    const keyOf = changes.keyOf;
    const own = keyOf && snapshot.sockets.every((s) => keyOf.has(s)) ? null : socketKeys(snapshot.sockets);
    const out = snapshot.sockets.map((s, i) => {
      const id = own ? own[i]! : keyOf!.get(s)!;
      return make(s, id, changes.added.has(id) ? 'new' : null, procs);
    });
    for (const g of changes.gone)
      out.push(make(g.socket, `gone:${g.key}`, 'gone', g.process ? new Map([[g.process.pid, g.process]]) : procs));
    return out;
  }, [snapshot, changes, procs]);
  const optionsFor = useCallback(
    (r: Row, field: string) =>
      socketCellOptions(r.socket, field, r.socket.pid === null ? undefined : procs.get(r.socket.pid)),
    [procs],
  );

  useEffect(() => markPaintAfterRender('sockeye:connections-painted'), [rows]);

  return (
    <TrafficStatus.Provider value={snapshot.traffic}>
      <SnapshotGrid
        view="connections"
        label="Connections"
        rows={rows}
        columns={columns}
        defaultSort={NO_SORT}
        optionsFor={optionsFor}
        setFilter={setFilter}
        filterText={filterText}
        emptyText="No sockets in this snapshot"
        toolbar={DnsGridToolbar}
      />
    </TrafficStatus.Provider>
  );
}
