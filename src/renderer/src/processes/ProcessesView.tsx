import { useMemo, useState } from 'react';
import { actionsColumn } from '../actions/actionsColumn';
import type { GridColDef } from '@mui/x-data-grid';
import type { Snapshot } from '../../../common/model/model';
import { summarizeProcesses, type ProcessSummary } from '../../../common/derive/processSummary';
import { RoleChip } from '../ui/chips';
import type { Changes } from '../state/useSnapshot';
import { term } from '../../../common/filter';
import type { FilterOption } from '../filter/FilterCellMenu';
import { processOptions } from '../filter/filterOptions';
import { SnapshotGrid, type RowStatus } from '../grid/SnapshotGrid';
import { ProcessStoryDrawer } from '../story/ProcessStory';
import { visibleFormatter, visibleText } from '../ui/visibleText';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { useGridModels } from '../grid/useGridModels';
import { StopButton } from '../actions/ActionButtons';

import { TrafficCell, TrafficStatus, trafficColumns } from '../traffic/trafficColumns';
import { seriesOf, useTrafficHistory } from '../traffic/trafficHistory';
import { LazySparkline } from '../traffic/LazySparkline';
import type { ProcessTraffic } from '../../../common/model/model';
import { placeOf, type Place } from '../../../common/containers/namespaceText';

interface Row extends ProcessSummary {
  status: RowStatus;
  traffic: ProcessTraffic | null;
  trend: number[];
  /** "nginx ×3" for a member of a service family, else empty. */
  serviceText: string;
  /** Sort key: the family head's label and pid, the head first, then by pid (or the process's own label). */
  serviceKey: string;
  /** A member that is not the head (indented when grouped by service). */
  member: boolean;
  /** Its container or network namespace; null in the host's. */
  place: Place | null;
}

const pad = (n: number) => String(n).padStart(10, '0');

/** Each row with its service family's name and sort key (a family of one is no family). */
function withService(rows: Omit<Row, 'serviceText' | 'serviceKey' | 'member'>[]): Row[] {
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const size = new Map<number, number>();
  for (const r of rows) if (r.servicePid !== undefined) size.set(r.servicePid, (size.get(r.servicePid) ?? 0) + 1);
  return rows.map((r) => {
    const head = r.servicePid;
    if (head === undefined || (size.get(head) ?? 0) < 2) {
      return { ...r, serviceText: '', serviceKey: `${r.label}\u0000${pad(r.pid)}\u00000`, member: false };
    }
    const headLabel = byPid.get(head)?.name ?? r.name;
    return {
      ...r,
      serviceText: `${headLabel} ×${size.get(head)}`,
      serviceKey: `${headLabel}\u0000${pad(head)}\u0000${r.pid === head ? 0 : 1}${pad(r.pid)}`,
      member: r.pid !== head,
    };
  });
}

/** A process's traffic; unknown (not 0) where the snapshot counts none for it. */
const trafficOf = (r: Row) => ({
  sendRate: r.traffic?.sendRate,
  receiveRate: r.traffic?.receiveRate,
  bytesSent: r.traffic?.bytesSent,
  bytesReceived: r.traffic?.bytesReceived,
  protocol: 'tcp' as const,
});

const makeColumns = (grouped: boolean): GridColDef<Row>[] => [
  { field: 'role', headerName: 'Role', width: 90, renderCell: (p) => <RoleChip role={p.row.role} /> },
  {
    field: 'label',
    headerName: 'Process',
    flex: 1,
    minWidth: 180,
    renderCell: (p) => (
      <span title={p.row.label}>
        {grouped && p.row.member ? '└ ' : ''}
        {visibleText(p.row.label)}
      </span>
    ),
  },
  {
    field: 'service',
    headerName: 'Service',
    width: 170,
    // Sorting by it puts each family together, its head first.
    valueGetter: (_v, r) => r.serviceKey,
    renderCell: (p) => visibleText(p.row.serviceText),
  },
  { field: 'pid', headerName: 'PID', width: 80, type: 'number', valueFormatter: (v: number) => String(v) },
  {
    field: 'place',
    headerName: 'Container / netns',
    width: 160,
    // Empty for the host's namespace, so sorting puts containers and namespaces together.
    valueGetter: (_v, r) => r.place?.text ?? '',
    valueFormatter: visibleFormatter,
  },
  {
    field: 'listening',
    headerName: 'Listening on',
    flex: 1,
    minWidth: 140,
    valueGetter: (_v, r) => r.listening.join(', '),
  },
  { field: 'inbound', headerName: 'Inbound', width: 90, type: 'number' },
  { field: 'outbound', headerName: 'Outbound', width: 95, type: 'number' },
  {
    field: 'traffic.total',
    headerName: 'Traffic/s',
    type: 'number',
    width: 105,
    // Both ways; unknown sorts below every real rate (the default sort: most traffic first).
    valueGetter: (_v, r) => (r.traffic?.sendRate == null ? -1 : r.traffic.sendRate + (r.traffic.receiveRate ?? 0)),
    renderCell: (p) => (
      <TrafficCell
        value={p.row.traffic?.sendRate == null ? null : p.row.traffic.sendRate + (p.row.traffic.receiveRate ?? 0)}
        kind="rate"
        protocol="tcp"
      />
    ),
  },
  ...trafficColumns<Row>(trafficOf),
  {
    field: 'trend',
    headerName: 'Traffic, last minute',
    width: 130,
    sortable: false,
    renderCell: (p) => <LazySparkline data={p.row.trend} />,
  },
  {
    field: 'user',
    headerName: 'User',
    width: 100,
    valueGetter: (_v, r) => r.user ?? '',
    valueFormatter: visibleFormatter,
  },
  {
    field: 'path',
    headerName: 'Path',
    flex: 1,
    minWidth: 180,
    valueGetter: (_v, r) => r.path ?? '',
    valueFormatter: visibleFormatter,
  },
  actionsColumn<Row>(56, (row, tabIndex) => (
    <StopButton pid={row.pid} label={`${row.label} (${row.pid})`} tabIndex={tabIndex} />
  )),
];

function optionsFor(r: Row, field: string): FilterOption[] {
  switch (field) {
    case 'label':
    case 'pid':
      return processOptions(r.pid, r);
    case 'role':
      return [{ label: `role ${r.role}`, term: term('role', r.role) }];
    case 'user':
      return r.user ? [{ label: `user ${r.user}`, term: term('user', r.user) }] : [];
    case 'path':
      return r.path ? [{ label: `path ${r.path}`, term: term('path', r.path) }] : [];
    case 'place':
      return r.place
        ? [{ label: r.place.text, term: term(r.place.filter.field, r.place.filter.value) }]
        : [{ label: 'host namespace', term: term('netns', 'host') }];
    case 'listening':
      return r.listening.slice(0, 8).map((l) => ({ label: `port ${l}`, term: term('lport', parseInt(l)) }));
    default:
      return [];
  }
}

const rowId = (r: Row) => r.pid;

interface ProcessesViewProps {
  snapshot: Snapshot;
  /** The whole snapshot, for a process's story (peers the filter hides still belong in it). */
  full?: Snapshot;
  /** New processes are highlighted, gone ones linger faded (live refresh). */
  changes?: Changes;
  setFilter?: (expr: string) => void;
  /** The filter in force, for the empty grid's message. */
  filterText?: string;
}

/** One row per process, plus the ones gone since the last refresh (faded). */
function buildRows(
  snapshot: Snapshot,
  changes: Changes | undefined,
  points: ReturnType<typeof useTrafficHistory>,
): Row[] {
  const traffic = new Map((snapshot.traffic?.processes ?? []).map((t) => [t.pid, t]));
  const recent = points.slice(-60);
  const out: Omit<Row, 'serviceText' | 'serviceKey' | 'member'>[] = summarizeProcesses(snapshot).map((p) => ({
    ...p,
    place: placeOf(p.netns, p.container, snapshot.namespaces),
    status: changes?.processesAdded?.has(p.pid) ? 'new' : null,
    traffic: traffic.get(p.pid) ?? null,
    trend: seriesOf(recent, (pt) => pt.processes, p.pid),
  }));
  for (const g of changes?.processesGone ?? [])
    out.push({
      ...g.process,
      place: placeOf(g.process.netns, g.process.container, snapshot.namespaces),
      listening: [],
      inbound: 0,
      outbound: 0,
      sockets: 0,
      status: 'gone',
      traffic: null,
      trend: [],
    });
  return withService(out);
}

export function ProcessesView({ snapshot, full, changes, setFilter, filterText }: ProcessesViewProps) {
  const points = useTrafficHistory();
  const rows = useMemo(() => buildRows(snapshot, changes, points), [snapshot, changes, points]);
  const [openPid, setOpenPid] = useState<number | null>(null);
  const models = useGridModels(
    'processes',
    snapshot.traffic?.available ? [{ field: 'traffic.total', sort: 'desc' }] : [{ field: 'label', sort: 'asc' }],
  );
  const grouped = models.sortModel.length === 1 && models.sortModel[0]!.field === 'service';
  const columns = useMemo(() => makeColumns(grouped), [grouped]);
  return (
    <TrafficStatus.Provider value={snapshot.traffic}>
      <Box sx={{ height: '100%', minHeight: 300, display: 'flex', flexDirection: 'column' }}>
        <FormControlLabel
          sx={{ ml: 0, mb: 0.5 }}
          control={
            <Switch
              size="small"
              checked={grouped}
              onChange={(e) =>
                models.onSortModelChange(
                  e.target.checked ? [{ field: 'service', sort: 'asc' }] : [{ field: 'label', sort: 'asc' }],
                )
              }
            />
          }
          label="Group by service"
        />
        <Box sx={{ flexGrow: 1, minHeight: 0 }}>
          <SnapshotGrid
            models={models}
            view="processes"
            label="Processes"
            rows={rows}
            columns={columns}
            defaultSort={
              snapshot.traffic?.available
                ? [{ field: 'traffic.total', sort: 'desc' }]
                : [{ field: 'label', sort: 'asc' }]
            }
            optionsFor={optionsFor}
            setFilter={setFilter}
            filterText={filterText}
            emptyText="No process owns a socket (or their owners are hidden)"
            getRowId={rowId}
            onRowClick={(r) => setOpenPid(r.pid)}
          >
            <ProcessStoryDrawer
              snapshot={full ?? snapshot}
              pid={openPid}
              onClose={() => setOpenPid(null)}
              onOpenProcess={setOpenPid}
            />
          </SnapshotGrid>
        </Box>
      </Box>
    </TrafficStatus.Provider>
  );
}
