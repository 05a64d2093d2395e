/**
 * Rows of "who moves the most bytes" by process, connection or remote host, busiest first —
 * what `sockeye top` prints and the Traffic view lists. Taken from a (possibly filtered)
 * snapshot: the filter picks the rows; a process's or host's figures are all of its traffic
 * (closed connections included), from `snapshot.traffic`.
 */
import type { Snapshot } from '../model/model';
import { endpointText } from '../text/endpointText';
import { unmapIPv4 } from '../derive/addressScope';
import { byTraffic } from './summarizeTraffic';

export type TrafficBy = 'process' | 'connection' | 'remote';
export const TRAFFIC_BY: readonly TrafficBy[] = ['process', 'connection', 'remote'];

export interface TrafficRow {
  key: string;
  /** Process label, connection endpoints, or remote address. */
  label: string;
  pid: number | null;
  /** Secondary text: pid and connection count, state, or connection count. */
  detail: string;
  sendRate: number | null;
  receiveRate: number | null;
  bytesSent: number;
  bytesReceived: number;
  connections: number;
}

export function trafficRows(snapshot: Snapshot, by: TrafficBy): TrafficRow[] {
  const traffic = snapshot.traffic;
  if (!traffic?.available) return [];
  const names = new Map(snapshot.processes.map((p) => [p.pid, p.label]));
  if (by === 'process') {
    const kept = new Set(snapshot.processes.map((p) => p.pid));
    const rows: TrafficRow[] = traffic.processes
      .filter((p) => kept.has(p.pid))
      .map((p) => ({
        key: `pid:${p.pid}`,
        label: names.get(p.pid) ?? `pid ${p.pid}`,
        pid: p.pid,
        detail: `pid ${p.pid} · ${p.connections} conn${p.closedConnections ? ` · ${p.closedConnections} closed` : ''}`,
        sendRate: p.sendRate,
        receiveRate: p.receiveRate,
        bytesSent: p.bytesSent,
        bytesReceived: p.bytesReceived,
        connections: p.connections,
      }));
    const u = traffic.unattributed;
    if (u.bytesSent + u.bytesReceived > 0 && snapshot.processes.length === kept.size)
      rows.push({
        key: 'unattributed',
        label: 'unattributed',
        pid: null,
        detail: `${u.connections} conn (owner hidden, or closed unseen)`,
        sendRate: u.sendRate,
        receiveRate: u.receiveRate,
        bytesSent: u.bytesSent,
        bytesReceived: u.bytesReceived,
        connections: u.connections,
      });
    return rows.sort(byTraffic);
  }
  if (by === 'remote') {
    const seen = new Set<string>();
    for (const s of snapshot.sockets) if (s.remoteAddress !== null) seen.add(unmapIPv4(s.remoteAddress));
    return traffic.remoteHosts
      .filter((r) => seen.has(r.address))
      .map((r) => ({
        key: `remote:${r.address}`,
        label: r.address,
        pid: null,
        detail: `${r.connections} conn`,
        sendRate: r.sendRate,
        receiveRate: r.receiveRate,
        bytesSent: r.bytesSent,
        bytesReceived: r.bytesReceived,
        connections: r.connections,
      }))
      .sort(byTraffic);
  }
  const rows: TrafficRow[] = [];
  for (const s of snapshot.sockets) {
    if (typeof s.bytesSent !== 'number' || typeof s.bytesReceived !== 'number') continue;
    const local = endpointText(s.localAddress, s.localPort);
    const remote = s.remoteAddress === null ? '*' : endpointText(s.remoteAddress, s.remotePort);
    rows.push({
      key: `${s.protocol}|${local}|${remote}|${s.pid ?? ''}`,
      label: `${local} → ${remote}`,
      pid: s.pid,
      detail: `${s.pid === null ? 'owner hidden' : `${names.get(s.pid) ?? '?'} [${s.pid}]`} · ${s.state ?? '-'}`,
      sendRate: traffic.intervalMs === null ? null : (s.sendRate ?? 0),
      receiveRate: traffic.intervalMs === null ? null : (s.receiveRate ?? 0),
      bytesSent: s.bytesSent,
      bytesReceived: s.bytesReceived,
      connections: 1,
    });
  }
  return rows.sort(byTraffic);
}
