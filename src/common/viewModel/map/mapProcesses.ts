/**
 * The map's process rules (numbered as in mapGraph.ts): which processes take part (1), which
 * collapse into groups (3), and the order in which the quietest fold into "+N more" (5, 6).
 */
import type { Role, Snapshot, Socket } from '../../model/model';
import type { ProcInfo, RemoteLink } from './mapTypes';

function roleFromEdges(pid: number, clients: ReadonlySet<number>, servers: ReadonlySet<number>): Role {
  const client = clients.has(pid);
  const server = servers.has(pid);
  return client && server ? 'both' : client ? 'client' : server ? 'server' : 'none';
}

/** Rule 1: processes with a network role, an edge, or traffic with a remote host; by pid. */
export function processesTakingPart(
  snapshot: Snapshot,
  listenersByPid: ReadonlyMap<number, Socket[]>,
  links: Iterable<RemoteLink>,
): Map<number, ProcInfo> {
  const procs = new Map<number, ProcInfo>();
  const known = new Map(snapshot.processes.map((p) => [p.pid, p]));
  // A process the (filtered) snapshot does not list still gets its role from the edges.
  const clients = new Set(snapshot.edges.map((e) => e.clientPid));
  const servers = new Set(snapshot.edges.map((e) => e.serverPid));
  const include = (pid: number) => {
    if (procs.has(pid)) return;
    const p = known.get(pid);
    procs.set(pid, {
      pid,
      label: p?.label ?? `pid ${pid}`,
      role: p && p.role !== 'none' ? p.role : roleFromEdges(pid, clients, servers),
      listeners: listenersByPid.get(pid) ?? [],
    });
  };
  for (const p of snapshot.processes) if (p.role !== 'none') include(p.pid);
  for (const e of snapshot.edges) {
    include(e.clientPid);
    include(e.serverPid);
  }
  for (const l of links) include(l.pid);
  return procs;
}

export interface Collapsed {
  /** The group node id (`group:ROLE:LABEL`) of each collapsed process. */
  groupOf: Map<number, string>;
  collapsedGroups: number;
}

/** Rule 3: beyond `collapseAbove` process nodes, collapse same label and role, largest first. */
export function collapseGroups(
  procs: ReadonlyMap<number, ProcInfo>,
  collapseAbove: number,
  expanded: ReadonlySet<string>,
): Collapsed {
  const groupOf = new Map<number, string>();
  let processNodes = procs.size;
  let collapsedGroups = 0;
  if (processNodes <= collapseAbove) return { groupOf, collapsedGroups };
  const byKey = new Map<string, number[]>();
  for (const p of procs.values()) {
    const key = `group:${p.role}:${p.label}`;
    const list = byKey.get(key);
    if (list) list.push(p.pid);
    else byKey.set(key, [p.pid]);
  }
  const candidates = [...byKey]
    .filter(([key, members]) => members.length >= 2 && !expanded.has(key))
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [key, members] of candidates) {
    if (processNodes <= collapseAbove) break;
    for (const pid of members) groupOf.set(pid, key);
    processNodes -= members.length - 1;
    collapsedGroups++;
  }
  return { groupOf, collapsedGroups };
}

export interface ProcessNodes {
  /** The processes behind each process or group node id. */
  members: Map<string, ProcInfo[]>;
  /** Those node ids, busiest (most connections) first: rules 5 and 6 fold from the end. */
  ranked: string[];
}

/** Rules 5 and 6's order: each process or group node with its members, ranked by connections. */
export function rankProcessNodes(
  snapshot: Snapshot,
  procs: ReadonlyMap<number, ProcInfo>,
  links: Iterable<RemoteLink>,
  baseNode: (pid: number) => string,
): ProcessNodes {
  const degree = new Map<string, number>();
  const bump = (id: string, n: number) => degree.set(id, (degree.get(id) ?? 0) + n);
  for (const e of snapshot.edges) {
    bump(baseNode(e.clientPid), e.count);
    bump(baseNode(e.serverPid), e.count);
  }
  for (const l of links) bump(baseNode(l.pid), l.count);
  const members = new Map<string, ProcInfo[]>();
  for (const p of procs.values()) {
    const id = baseNode(p.pid);
    const list = members.get(id);
    if (list) list.push(p);
    else members.set(id, [p]);
  }
  const ranked = [...members.keys()].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b));
  return { members, ranked };
}
