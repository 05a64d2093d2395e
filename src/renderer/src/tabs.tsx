/**
 * The app's tabs, in order. A new view is one entry here.
 */
import type { ReactNode } from 'react';
import type { SockeyeApi } from '../../shared/api';
import type { Snapshot } from '../../shared/model';
import type { Changes } from './useSnapshot';
import { AddressesView } from './views/AddressesView';
import { ConnectionsView } from './views/ConnectionsView';
import { PortsView } from './views/PortsView';
import { ProcessesView } from './views/ProcessesView';

export interface TabContext {
  /** The snapshot as the active filter shows it: every view renders this one. */
  snapshot: Snapshot;
  /** The whole snapshot, before the filter (for "N of M" and for views that need everything). */
  full: Snapshot;
  changes: Changes;
  api: SockeyeApi;
  /** Narrow every view with an expression of the filter language ("filter to this"). */
  setFilter(expr: string): void;
}

export interface TabDef {
  id: string;
  label: string;
  render(ctx: TabContext): ReactNode;
}

export const TABS: TabDef[] = [
  { id: 'processes', label: 'Processes', render: ({ snapshot }) => <ProcessesView snapshot={snapshot} /> },
  { id: 'ports', label: 'Ports', render: ({ snapshot }) => <PortsView snapshot={snapshot} /> },
  { id: 'connections', label: 'Connections', render: ({ snapshot, changes }) => <ConnectionsView snapshot={snapshot} changes={changes} /> },
  { id: 'addresses', label: 'Addresses', render: ({ snapshot }) => <AddressesView snapshot={snapshot} /> },
];
