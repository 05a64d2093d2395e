/**
 * The app's tabs, in order. A new view is one entry here.
 */
import type { ReactNode } from 'react';
import type { SockeyeApi } from '../../shared/api';
import type { Snapshot } from '../../shared/model';
import type { Changes } from './useSnapshot';
import { AddressesView } from './views/AddressesView';
import { CompareView } from './views/CompareView';
import { ConnectionsView } from './views/ConnectionsView';
import { DnsView } from './dns/DnsView';
import { PortsView } from './views/PortsView';
import { ProcessesView } from './views/ProcessesView';
import { LazyMapView } from './views/map/LazyMapView';
import { UnixView } from './views/UnixView';

export interface TabContext {
  /** The snapshot as the active filter shows it: every view renders this one. */
  snapshot: Snapshot;
  /** The whole snapshot, before the filter (for "N of M" and for views that need everything). */
  full: Snapshot;
  changes: Changes;
  api: SockeyeApi;
  /** Narrow every view with an expression of the filter language ("filter to this"). */
  setFilter(expr: string): void;
  /** The filter in force ('' for none), so an empty view can say that nothing matches it. */
  filterText?: string;
}

export interface TabDef {
  id: string;
  label: string;
  render(ctx: TabContext): ReactNode;
}

export const TABS: TabDef[] = [
  {
    id: 'processes',
    label: 'Processes',
    render: ({ snapshot, full, changes, setFilter, filterText }) => (
      <ProcessesView snapshot={snapshot} full={full} changes={changes} setFilter={setFilter} filterText={filterText} />
    ),
  },
  {
    id: 'ports',
    label: 'Ports',
    render: ({ snapshot, changes, setFilter, filterText }) => (
      <PortsView snapshot={snapshot} changes={changes} setFilter={setFilter} filterText={filterText} />
    ),
  },
  {
    id: 'connections',
    label: 'Connections',
    render: ({ snapshot, changes, setFilter, filterText }) => (
      <ConnectionsView snapshot={snapshot} changes={changes} setFilter={setFilter} filterText={filterText} />
    ),
  },
  {
    id: 'unix',
    label: 'Unix',
    render: ({ snapshot, filterText }) => <UnixView snapshot={snapshot} filterText={filterText} />,
  },
  { id: 'addresses', label: 'Addresses', render: ({ snapshot }) => <AddressesView snapshot={snapshot} /> },
  { id: 'dns', label: 'DNS', render: ({ api, full }) => <DnsView api={api} full={full} /> },
  {
    id: 'map',
    label: 'Map',
    render: ({ snapshot, full, filterText }) => <LazyMapView snapshot={snapshot} full={full} filterText={filterText} />,
  },
  { id: 'compare', label: 'Compare', render: ({ full, api }) => <CompareView full={full} api={api} /> },
];
