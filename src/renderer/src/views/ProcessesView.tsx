import { useCallback, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { DataGrid, useGridApiRef, type GridColDef } from '@mui/x-data-grid';
import type { Snapshot } from '../../../shared/model';
import { summarizeProcesses, type ProcessSummary } from '../../../shared/processSummary';
import { RoleChip } from '../components/chips';
import { gridDefaults } from './gridDefaults';
import type { Changes } from '../useSnapshot';
import { term } from '../../../shared/filter';
import { useFilterCellMenu, type FilterOption } from '../components/FilterCellMenu';
import { processOptions } from '../filter/filterOptions';
import { useGridModels } from './useGridModels';
import { ProcessStoryDrawer } from './story/ProcessStory';

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
        {p.row.label}
      </span>
    ),
  },
  {
    field: 'service',
    headerName: 'Service',
    width: 170,
    // Sorting by it puts each family together, its head first.
    valueGetter: (_v, r) => r.serviceKey,
    renderCell: (p) => p.row.serviceText,
  },
  { field: 'pid', headerName: 'PID', width: 80, type: 'number', valueFormatter: (v: number) => String(v) },
  {
    field: 'listening',
    headerName: 'Listening on',
    flex: 1,
    minWidth: 140,
    valueGetter: (_v, r) => r.listening.join(', '),
  },
  { field: 'inbound', headerName: 'Inbound', width: 90, type: 'number' },
  { field: 'outbound', headerName: 'Outbound', width: 95, type: 'number' },
  { field: 'user', headerName: 'User', width: 100, valueGetter: (_v, r) => r.user ?? '' },
  { field: 'path', headerName: 'Path', flex: 1, minWidth: 180, valueGetter: (_v, r) => r.path ?? '' },
];

interface Row extends ProcessSummary {
  status: 'new' | 'gone' | null;
  /** "nginx ×3" for a member of a service family, else empty. */
  serviceText: string;
  /** Sort key: the family head's label and pid, the head first, then by pid (or the process's own label). */
  serviceKey: string;
  /** A member that is not the head (indented when grouped by service). */
  member: boolean;
}

const pad = (n: number) => String(n).padStart(10, '0');

function withService(rows: (ProcessSummary & { status: Row['status'] })[]): Row[] {
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
    case 'listening':
      return r.listening.slice(0, 8).map((l) => ({ label: `port ${l}`, term: term('lport', parseInt(l)) }));
    default:
      return [];
  }
}

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

export function ProcessesView({ snapshot, full, changes, setFilter, filterText }: ProcessesViewProps) {
  const rows = useMemo<Row[]>(() => {
    const out: (ProcessSummary & { status: Row['status'] })[] = summarizeProcesses(snapshot).map((p) => ({
      ...p,
      status: changes?.processesAdded?.has(p.pid) ? 'new' : null,
    }));
    for (const g of changes?.processesGone ?? [])
      out.push({ ...g.process, listening: [], inbound: 0, outbound: 0, sockets: 0, status: 'gone' });
    return withService(out);
  }, [snapshot, changes]);
  const apiRef = useGridApiRef();
  const models = useGridModels('processes', [{ field: 'label', sort: 'asc' }]);
  const grouped = models.sortModel.length === 1 && models.sortModel[0]!.field === 'service';
  const columns = useMemo(() => makeColumns(grouped), [grouped]);
  const options = useCallback((r: Row, field: string) => optionsFor(r, field), []);
  const { cellProps, menu } = useFilterCellMenu(apiRef, options, setFilter);
  const [openPid, setOpenPid] = useState<number | null>(null);
  return (
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
      <DataGrid
        {...gridDefaults}
        {...models}
        apiRef={apiRef}
        aria-label="Processes"
        rows={rows}
        columns={columns}
        getRowId={(r) => r.pid}
        sx={{ flex: 1, minHeight: 0 }}
        getRowClassName={(p) => (p.row.status ? `row-${p.row.status}` : '')}
        onRowClick={(p) => setOpenPid(p.row.pid)}
        slotProps={{ cell: cellProps }}
        localeText={{
          noRowsLabel: filterText
            ? `No rows match \`${filterText}\``
            : 'No process owns a socket (or their owners are hidden)',
        }}
      />
      {menu}
      <ProcessStoryDrawer
        snapshot={full ?? snapshot}
        pid={openPid}
        onClose={() => setOpenPid(null)}
        onOpenProcess={setOpenPid}
      />
    </Box>
  );
}
