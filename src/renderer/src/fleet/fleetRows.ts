/**
 * The Fleet page's rows: one per host (answered or not) and one per edge, with the host names
 * the people reading them know (the snapshot's hostname; the id only where names collide).
 */
import type { Fleet, FleetEdge, FleetHost } from '../../../common/fleet/fleetModel';
import type { RowStatus } from '../grid/SnapshotGrid';

export interface HostRow {
  id: string;
  status: RowStatus;
  host: FleetHost;
  name: string;
  serves: string;
}

export interface EdgeRow {
  id: string;
  status: RowStatus;
  edge: FleetEdge;
  client: string;
  server: string;
  match: 'confirmed' | 'unconfirmed' | 'unmatched';
}

/** host id → the name shown: its hostname, with the id added where two hosts share one. */
export function hostNames(fleet: Fleet): Map<string, string> {
  const count = new Map<string, number>();
  for (const h of fleet.hosts) if (h.ok && h.hostname) count.set(h.hostname, (count.get(h.hostname) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const h of fleet.hosts) {
    if (!h.ok || !h.id) continue;
    const name = h.hostname ?? h.id;
    names.set(h.id, (count.get(name) ?? 0) > 1 ? `${name} (${h.source})` : name);
  }
  return names;
}

export function hostRows(fleet: Fleet, names: Map<string, string>): HostRow[] {
  return fleet.hosts.map((h, i) => ({
    id: `${i}`,
    status: null,
    host: h,
    name: (h.id && names.get(h.id)) ?? h.hostname ?? '—',
    serves: h.serves
      .filter((s) => !s.loopbackOnly)
      .map((s) => `${s.process}:${s.port}${s.protocol === 'udp' ? '/udp' : ''}`)
      .join(', '),
  }));
}

const who = (host: string, process: string | null, pid: number | null) =>
  `${host}: ${process ?? 'unknown'}${pid === null ? '' : ` (${pid})`}`;

export function edgeRows(fleet: Fleet, names: Map<string, string>): EdgeRow[] {
  return fleet.edges.map((e, i) => {
    const client = who(names.get(e.clientHost) ?? e.clientHost, e.clientProcess, e.clientPid);
    const server = e.unmatched
      ? `${e.remoteAddress ?? (e.serverHost && names.get(e.serverHost)) ?? '?'}:${e.port} — ${e.reason ?? 'not in the fleet'}`
      : who((e.serverHost && names.get(e.serverHost)) ?? '?', e.serverProcess, e.serverPid);
    const match = e.unmatched ? 'unmatched' : e.confirmed > 0 ? 'confirmed' : 'unconfirmed';
    return { id: `${i}`, status: null, edge: e, client, server, match };
  });
}
