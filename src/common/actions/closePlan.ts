/**
 * Which connections "close" may act on: established TCP connections only, as TCPView does (a
 * listener is stopped by stopping its process; a closing connection is already going).
 */
import type { Family, Process, Snapshot, Socket } from '../model/model';
import { endpointText } from '../text/endpointText';

export interface CloseTarget {
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  pid: number | null;
  label: string | null;
}

/** Why this socket cannot be closed, or null when it can. */
export function closeRefusal(s: Socket): string | null {
  if (s.protocol !== 'tcp') return 'only TCP connections can be closed (UDP has no connection to reset)';
  if (s.state !== 'ESTABLISHED')
    return `only ESTABLISHED connections can be closed (this one is ${s.state ?? 'in no state'})`;
  if (s.remoteAddress === null || s.remotePort === null) return 'this socket has no peer';
  return null;
}

export function closeTargetOf(s: Socket, procs: ReadonlyMap<number, Process>): CloseTarget {
  return {
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress ?? '',
    remotePort: s.remotePort ?? 0,
    pid: s.pid,
    label: s.pid === null ? null : (procs.get(s.pid)?.label ?? null),
  };
}

/** Every closable connection of a (filtered) snapshot. */
export function closableConnections(snapshot: Snapshot): CloseTarget[] {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  return snapshot.sockets.filter((s) => closeRefusal(s) === null).map((s) => closeTargetOf(s, procs));
}

/** `127.0.0.1:5000 → 127.0.0.1:8080 (curl, pid 42)` */
export function closeTargetText(t: CloseTarget): string {
  const owner = t.pid === null ? 'owner hidden' : `${t.label ?? 'pid'}${t.label ? `, pid ${t.pid}` : ` ${t.pid}`}`;
  return `${endpointText(t.localAddress, t.localPort)} → ${endpointText(t.remoteAddress, t.remotePort)} (${owner})`;
}
