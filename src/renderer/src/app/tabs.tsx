/**
 * The app's tabs, in order. A new view is one entry here.
 */
import { LazyTrafficView } from '../traffic/LazyTrafficView';
import { ActivityView } from '../actions/ActivityView';
import type { ComponentType, ReactNode } from 'react';
import { AlertsTabLabel, AlertsView } from '../history/AlertsView';
import type { SockeyeApi } from '../../../common/contract/api';
import type { Snapshot } from '../../../common/model/model';
import type { Changes } from '../state/useSnapshot';
import { AddressesView } from '../addresses/AddressesView';
import { CompareView } from '../compare/CompareView';
import { ConnectionsView } from '../connections/ConnectionsView';
import { DnsView } from '../dns/DnsView';
import { PortsView } from '../ports/PortsView';
import { ProcessesView } from '../processes/ProcessesView';
import { LazyMapView } from '../map/LazyMapView';
import { UnixView } from '../unix/UnixView';
import { FleetView } from '../fleet/FleetView';

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
  /** A saved snapshot is on screen (not the live machine). */
  saved?: boolean;
}

export interface TabDef {
  id: string;
  label: string;
  /** Drawn instead of `label` in the tab bar (the Alerts badge). */
  Label?: ComponentType;
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
    render: ({ snapshot, full, changes, setFilter, filterText, api, saved }) => (
      <PortsView
        snapshot={snapshot}
        full={full}
        changes={changes}
        setFilter={setFilter}
        filterText={filterText}
        api={api}
        saved={saved}
      />
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
    id: 'traffic',
    label: 'Traffic',
    render: ({ snapshot, full }) => <LazyTrafficView snapshot={snapshot} full={full} />,
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
  { id: 'fleet', label: 'Fleet', render: ({ api }) => <FleetView api={api} /> },
  { id: 'activity', label: 'Activity', render: ({ api }) => <ActivityView api={api} /> },
  {
    id: 'alerts',
    label: 'Alerts',
    Label: AlertsTabLabel,
    render: ({ api, full }) => <AlertsView api={api} full={full} />,
  },
];
