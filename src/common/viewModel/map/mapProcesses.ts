/**
 * The map's process rules (numbered as in mapGraph.ts): which processes take part (1), which
 * collapse into groups (3), and the order in which the quietest fold into "+N more" (5, 6).
 */
import type { Role, Snapshot, Socket } from '../../model/model';
import type { HiddenLink, ProcInfo, RemoteLink } from './mapTypes';

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
  hiddenLinks: Iterable<HiddenLink> = [],
): Map<number, ProcInfo> {
  const procs = new Map<number, ProcInfo>();
  const known = new Map(snapshot.processes.map((p) => [p.pid, p]));
  // A process the (filtered) snapshot does not list still gets its role from the edges (Unix ones too).
  const edges = [...snapshot.edges, ...(snapshot.unixEdges ?? [])];
  const clients = new Set(edges.map((e) => e.clientPid));
  const servers = new Set(edges.map((e) => e.serverPid));
  const include = (pid: number) => {
    if (procs.has(pid)) return;
    const p = known.get(pid);
    procs.set(pid, {
      pid,
      label: p?.label ?? `pid ${pid}`,
      role: p && p.role !== 'none' ? p.role : roleFromEdges(pid, clients, servers),
      listeners: listenersByPid.get(pid) ?? [],
      servicePid: p?.servicePid,
    });
  };
  for (const p of snapshot.processes) if (p.role !== 'none') include(p.pid);
  for (const e of edges) {
    include(e.clientPid);
    include(e.serverPid);
  }
  for (const l of links) include(l.pid);
  for (const l of hiddenLinks) include(l.pid);
  return procs;
}

export interface Collapsed {
  /** The group node id (`service:PID` or `group:ROLE:LABEL`) of each collapsed process. */
  groupOf: Map<number, string>;
  collapsedGroups: number;
  /** A service node's name and role (the family head's name; both if its members differ). */
  services: Map<string, { label: string; role: Role }>;
}

function familyRole(list: readonly ProcInfo[]): Role {
  const roles = new Set(list.map((p) => p.role));
  if (roles.has('both') || (roles.has('client') && roles.has('server'))) return 'both';
  return roles.has('server') ? 'server' : roles.has('client') ? 'client' : 'none';
}

/** Services: a parent and the children sharing its listeners or executable are one node until expanded. */
function serviceGroups(
  snapshot: Snapshot,
  procs: ReadonlyMap<number, ProcInfo>,
  expanded: ReadonlySet<string>,
  groupOf: Map<number, string>,
): Map<string, { label: string; role: Role }> {
  const families = new Map<number, ProcInfo[]>();
  for (const p of procs.values()) {
    if (p.servicePid === undefined) continue;
    const list = families.get(p.servicePid);
    if (list) list.push(p);
    else families.set(p.servicePid, [p]);
  }
  const known = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const services = new Map<string, { label: string; role: Role }>();
  for (const [head, list] of families) {
    const key = `service:${head}`;
    if (list.length < 2 || expanded.has(key)) continue;
    for (const p of list) groupOf.set(p.pid, key);
    const label = known.get(head)?.name ?? procs.get(head)?.label ?? list[0]!.label;
    services.set(key, { label, role: familyRole(list) });
  }
  return services;
}

/** Rule 3: beyond `collapseAbove` process nodes, collapse same label and role, largest first. */
export function collapseGroups(
  snapshot: Snapshot,
  procs: ReadonlyMap<number, ProcInfo>,
  collapseAbove: number,
  expanded: ReadonlySet<string>,
): Collapsed {
  const groupOf = new Map<number, string>();
  const services = serviceGroups(snapshot, procs, expanded, groupOf);
  let processNodes = procs.size - groupOf.size + services.size;
  let collapsedGroups = 0;
  if (processNodes <= collapseAbove) return { groupOf, collapsedGroups, services };
  const byKey = new Map<string, number[]>();
  for (const p of procs.values()) {
    if (groupOf.has(p.pid)) continue;
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
  return { groupOf, collapsedGroups, services };
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
  for (const e of [...snapshot.edges, ...(snapshot.unixEdges ?? [])]) {
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
