/**
 * The Map tab's graph, built from a snapshot: who serves, who asks, who does both.
 *
 * Nodes are processes (marked by role and, when a listener reaches beyond this machine, by
 * exposure), remote hosts (outer nodes) and, when there are many, aggregates. Edges point from
 * client to server and carry port, service and connection count.
 *
 * Aggregation rules, so the map stays readable at hundreds of processes and thousands of edges:
 *  1. Processes with no network role (`none`) and no edge are left out.
 *  2. Parallel edges merge: one edge per (client node, server node), listing each port/service
 *     with its connection count; the edge's count is the sum.
 *  3. More than `collapseAbove` processes: processes sharing a label *and* a role collapse into a
 *     group node (`chrome ×8`), largest groups first, until the process nodes fit or no group of
 *     two or more is left. Connections inside a group are counted on it, not drawn. A group the
 *     user expanded (`expanded`) is never collapsed.
 *  4. More than `maxRemoteHosts` remote hosts: hosts in one subnet (/24 IPv4, /48 IPv6) share a
 *     node; if the subnets are still too many, hosts share one node per scope.
 *  5. More than `maxNodes` nodes in all: the busiest process nodes (by connections) stay and the
 *     rest fold into one explicit "+N more" node that keeps their edges.
 *  6. More than `maxEdges` edges after merging: more of the quietest process nodes fold into
 *     "+N more" (a fifth of those left at a time) until the edges fit. A last resort: the
 *     "+N more" node is a hub that both calls and serves, which lengthens ELK's layers (measured
 *     in bench/mapBench.ts), so the limit sits well above what rules 2–5 usually leave.
 */
import type { Protocol, Role, Scope, Snapshot, Socket } from '../model';
import type { Exposure } from '../exposure';
import { addressScope, unmapIPv4 } from '../addressScope';
import { socketHolders } from '../holders';
import { isListening } from '../listening';
import { widestExposure } from './listeners';
import { localAddressTest } from './localAddresses';
import { nameLookup, type NameLookup } from './knownNames';
import { bucketRemoteHosts, type RemoteHost } from './remoteHosts';

export type MapNodeKind = 'process' | 'group' | 'remote' | 'remote-group' | 'more' | 'hidden';

/** The node for servers on this machine whose process the OS would not name (another user's). */
export const HIDDEN_NODE_ID = 'hidden:local';

export interface MapNode {
  /** `proc:PID`, `service:PID` (a service family), `group:ROLE:LABEL`, `remote:ADDRESS`, `subnet:CIDR`, `scope:SCOPE` or `more:processes`. */
  id: string;
  kind: MapNodeKind;
  /** What the node shows: the process label, the group's label, a host's name or address, a subnet. */
  label: string;
  /** Accessible name, e.g. `node · my-api (pid 123), both, exposed (all interfaces)`. */
  ariaLabel: string;
  /** Role of a process or group; null for remote and "+N more" nodes. */
  role: Role | null;
  /** Processes drawn by this node (one for a process, several for a group or "+N more"). */
  pids: number[];
  /** The widest reach of its listeners beyond this machine; null when none reaches beyond it. */
  exposure: Exposure | null;
  /** Listening ports, `8080/tcp`, sorted. */
  listening: string[];
  /** Remote nodes: the host's or group's scope. */
  scope: Scope | null;
  /** Remote host: its address; subnet group: its CIDR; otherwise null. */
  address: string | null;
  /** Processes or remote hosts this node stands for. */
  members: number;
  /** Connections between members of a group (or "+N more"), which no edge draws. */
  internalConnections: number;
}

export interface PortUse {
  /** `unix` for a Unix socket, named by `path`. */
  protocol: Protocol | 'unix';
  /** Unix sockets: the server's path or abstract name (null: unnamed); port is 0. */
  path?: string | null;
  port: number;
  service: string | null;
  count: number;
}

export interface MapEdge {
  /** `SOURCE->TARGET`. */
  id: string;
  /** The client side's node. */
  source: string;
  /** The server side's node. */
  target: string;
  /** Each port the clients use, busiest first. */
  ports: PortUse[];
  /** Connections in all. */
  count: number;
  /** Short text drawn on the edge: `8080/tcp http ×2`, `5432/tcp postgresql, 6379/tcp +1 ×5`. */
  label: string;
  ariaLabel: string;
  /** One end is a remote host (or a group of them). */
  remote: boolean;
}

export interface MapStats {
  /** Processes that take part in the map (before grouping). */
  processes: number;
  /** Group nodes made by rule 3. */
  collapsedGroups: number;
  /** Remote hosts seen, and the nodes drawn for them. */
  remoteHosts: number;
  remoteNodes: number;
  /** Processes folded into "+N more" by rule 5. */
  foldedProcesses: number;
  /** Connections between two processes on this machine (edge counts summed). */
  localConnections: number;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  stats: MapStats;
}

export interface MapOptions {
  collapseAbove?: number;
  maxRemoteHosts?: number;
  maxNodes?: number;
  maxEdges?: number;
  /** Group ids the user expanded. */
  expanded?: ReadonlySet<string>;
  /** Names for remote addresses; defaults to the snapshot's `dnsNames`. */
  names?: NameLookup;
}

export const MAP_LIMITS = { collapseAbove: 40, maxRemoteHosts: 24, maxNodes: 120, maxEdges: 600 } as const;

export const MORE_NODE_ID = 'more:processes';

interface ProcInfo {
  pid: number;
  label: string;
  role: Role;
  listeners: Socket[];
  /** The pid heading its service family, if any. */
  servicePid: number | undefined;
}

interface RemoteLink {
  side: 'client' | 'server';
  pid: number;
  address: string;
  protocol: Protocol;
  port: number;
  service: string | null;
  count: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `8080/tcp http`, `unix /run/postgresql/.s.PGSQL.5432`. */
export function portText(p: Pick<PortUse, 'protocol' | 'port' | 'service' | 'path'>): string {
  if (p.protocol === 'unix') return `unix ${p.path ?? '(unnamed)'}`;
  return `${p.port}/${p.protocol}${p.service ? ` ${p.service}` : ''}`;
}

/** The edge's drawn label: up to two ports, then `+N`, then the connection count. */
export function edgeLabel(ports: readonly PortUse[], count: number): string {
  const shown = ports.slice(0, 2).map(portText).join(', ');
  const more = ports.length > 2 ? ` +${ports.length - 2}` : '';
  return `${shown}${more} ×${count}`;
}

function roleFromEdges(pid: number, clients: ReadonlySet<number>, servers: ReadonlySet<number>): Role {
  const client = clients.has(pid);
  const server = servers.has(pid);
  return client && server ? 'both' : client ? 'client' : server ? 'server' : 'none';
}

function sortedListening(listeners: readonly Socket[]): string[] {
  const set = new Set(listeners.map((l) => `${l.localPort}/${l.protocol}`));
  return [...set].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
}

function exposureText(e: Exposure | null): string {
  return e ? `, exposed (${e})` : '';
}

/** The map graph of a snapshot (aggregation rules in the module doc). */
export function buildMapGraph(snapshot: Snapshot, options: MapOptions = {}): MapGraph {
  const collapseAbove = options.collapseAbove ?? MAP_LIMITS.collapseAbove;
  const maxRemoteHosts = options.maxRemoteHosts ?? MAP_LIMITS.maxRemoteHosts;
  const maxNodes = options.maxNodes ?? MAP_LIMITS.maxNodes;
  const maxEdges = options.maxEdges ?? MAP_LIMITS.maxEdges;
  const expanded = options.expanded ?? new Set<string>();
  const names = options.names ?? nameLookup(snapshot.dnsNames);
  const isLocal = localAddressTest(snapshot.interfaces);

  // One pass over the sockets: listeners, services of server ports, traffic with remote hosts.
  const listenersByPid = new Map<number, Socket[]>();
  const serviceAt = new Map<string, string>();
  const hosts = new Map<string, RemoteHost>();
  const links = new Map<string, RemoteLink>();
  for (const s of snapshot.sockets) {
    if (s.pid === null) continue;
    // Every holder of a shared socket (a listener inherited across fork()) takes part.
    const holders = socketHolders(s);
    if (isListening(s)) {
      for (const pid of holders) {
        const list = listenersByPid.get(pid);
        if (list) list.push(s);
        else listenersByPid.set(pid, [s]);
        if (s.service) serviceAt.set(`${pid}|${s.protocol}|${s.localPort}`, s.service);
      }
      continue;
    }
    if (s.remoteAddress === null || s.remotePort === null || s.side === null) continue;
    if (s.side === 'server' && s.service)
      for (const pid of holders) serviceAt.set(`${pid}|${s.protocol}|${s.localPort}`, s.service);
    if (isLocal(s.remoteAddress)) continue;
    const address = unmapIPv4(s.remoteAddress);
    let host = hosts.get(address);
    if (!host) {
      host = { address, scope: s.remoteScope ?? addressScope(address), name: names(address), connections: 0 };
      hosts.set(address, host);
    }
    host.connections++;
    const port = s.side === 'client' ? s.remotePort : s.localPort;
    for (const pid of holders) {
      const key = `${s.side}|${pid}|${address}|${s.protocol}|${port}`;
      const link = links.get(key);
      if (link) link.count++;
      else links.set(key, { side: s.side, pid, address, protocol: s.protocol, port, service: s.service, count: 1 });
    }
  }

  // Connections to a server on this machine whose owner is hidden (another user's process,
  // unprivileged run): no edge names the server, so they go to one "hidden" node.
  const hiddenEnds = new Set<string>();
  for (const s of snapshot.sockets) {
    if (s.pid === null && s.state !== 'TIME_WAIT' && s.side === 'server' && s.remoteAddress !== null)
      hiddenEnds.add(
        `${s.protocol}|${unmapIPv4(s.localAddress)}|${s.localPort}|${unmapIPv4(s.remoteAddress)}|${s.remotePort}`,
      );
  }
  const hiddenLinks = new Map<
    string,
    { pid: number; protocol: Protocol; port: number; service: string | null; count: number }
  >();
  if (hiddenEnds.size > 0) {
    for (const s of snapshot.sockets) {
      if (s.pid === null || s.side !== 'client' || s.remoteAddress === null || s.remotePort === null) continue;
      const key = `${s.protocol}|${unmapIPv4(s.remoteAddress)}|${s.remotePort}|${unmapIPv4(s.localAddress)}|${s.localPort}`;
      if (!hiddenEnds.has(key)) continue;
      for (const pid of socketHolders(s)) {
        const k = `${pid}|${s.protocol}|${s.remotePort}`;
        const l = hiddenLinks.get(k);
        if (l) l.count++;
        else hiddenLinks.set(k, { pid, protocol: s.protocol, port: s.remotePort, service: s.service, count: 1 });
      }
    }
  }

  // Rule 1: the processes that take part.
  const procs = new Map<number, ProcInfo>();
  const known = new Map(snapshot.processes.map((p) => [p.pid, p]));
  // A process the (filtered) snapshot does not list still gets its role from the edges.
  const unixEdges = snapshot.unixEdges ?? [];
  const clients = new Set([...snapshot.edges, ...unixEdges].map((e) => e.clientPid));
  const servers = new Set([...snapshot.edges, ...unixEdges].map((e) => e.serverPid));
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
  for (const e of snapshot.edges) {
    include(e.clientPid);
    include(e.serverPid);
  }
  for (const e of unixEdges) {
    include(e.clientPid);
    include(e.serverPid);
  }
  for (const l of links.values()) include(l.pid);
  for (const l of hiddenLinks.values()) include(l.pid);

  // Services: a parent and the children sharing its listeners or executable are one node
  // (`service:PID`) until it is expanded.
  const groupOf = new Map<number, string>();
  const groupFacts = new Map<string, { label: string; role: Role }>();
  let processNodes = procs.size;
  let collapsedGroups = 0;
  const families = new Map<number, ProcInfo[]>();
  for (const p of procs.values()) {
    if (p.servicePid === undefined) continue;
    const list = families.get(p.servicePid);
    if (list) list.push(p);
    else families.set(p.servicePid, [p]);
  }
  for (const [head, list] of families) {
    const key = `service:${head}`;
    if (list.length < 2 || expanded.has(key)) continue;
    for (const p of list) groupOf.set(p.pid, key);
    const roles = new Set(list.map((p) => p.role));
    const role: Role =
      roles.has('both') || (roles.has('client') && roles.has('server'))
        ? 'both'
        : roles.has('server')
          ? 'server'
          : roles.has('client')
            ? 'client'
            : 'none';
    const name = known.get(head)?.name ?? procs.get(head)?.label ?? list[0]!.label;
    groupFacts.set(key, { label: name, role });
    processNodes -= list.length - 1;
  }

  // Rule 3: collapse same label and role, largest first.
  if (processNodes > collapseAbove) {
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
  }
  const baseNode = (pid: number) => groupOf.get(pid) ?? `proc:${pid}`;

  // Rule 4: remote hosts.
  const buckets = bucketRemoteHosts([...hosts.values()], maxRemoteHosts);
  const hostNode = new Map<string, string>();
  for (const b of buckets) for (const h of b.hosts) hostNode.set(h.address, b.id);

  // Rule 5: fold the quietest process nodes into "+N more" when there are too many nodes.
  const degree = new Map<string, number>();
  const bump = (id: string, n: number) => degree.set(id, (degree.get(id) ?? 0) + n);
  for (const e of [...snapshot.edges, ...unixEdges]) {
    bump(baseNode(e.clientPid), e.count);
    bump(baseNode(e.serverPid), e.count);
  }
  for (const l of links.values()) bump(baseNode(l.pid), l.count);
  const members = new Map<string, ProcInfo[]>();
  for (const p of procs.values()) {
    const id = baseNode(p.pid);
    const list = members.get(id);
    if (list) list.push(p);
    else members.set(id, [p]);
  }
  const ranked = [...members.keys()].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b));
  let localConnections = 0;
  for (const e of snapshot.edges) localConnections += e.count;

  const draw = (folded: ReadonlySet<string>): { nodes: MapNode[]; edges: MapEdge[]; foldedProcesses: number } => {
    const nodeOf = (pid: number) => {
      const id = baseNode(pid);
      return folded.has(id) ? MORE_NODE_ID : id;
    };

    // Nodes.
    const nodes: MapNode[] = [];
    const foldedProcs: ProcInfo[] = [];
    for (const [id, list] of members) {
      if (folded.has(id)) {
        foldedProcs.push(...list);
        continue;
      }
      const first = list[0]!;
      const listeners = list.flatMap((p) => p.listeners);
      const exposure = widestExposure(listeners);
      if (list.length === 1 && !groupOf.has(first.pid)) {
        nodes.push({
          id,
          kind: 'process',
          label: first.label,
          role: first.role,
          pids: [first.pid],
          exposure,
          listening: sortedListening(listeners),
          scope: null,
          address: null,
          members: 1,
          internalConnections: 0,
          ariaLabel: `${first.label} (pid ${first.pid}), ${first.role}${exposureText(exposure)}`,
        });
      } else {
        const pids = list.map((p) => p.pid).sort((a, b) => a - b);
        const service = groupFacts.get(id);
        if (service) {
          nodes.push({
            id,
            kind: 'group',
            label: service.label,
            role: service.role,
            pids,
            exposure,
            listening: sortedListening(listeners),
            scope: null,
            address: null,
            members: list.length,
            internalConnections: 0,
            ariaLabel: `${service.label} service, ${list.length} processes (group), ${service.role}${exposureText(exposure)}`,
          });
          continue;
        }
        nodes.push({
          id,
          kind: 'group',
          label: first.label,
          role: first.role,
          pids,
          exposure,
          listening: sortedListening(listeners),
          scope: null,
          address: null,
          members: list.length,
          internalConnections: 0,
          ariaLabel: `${first.label} ×${list.length} processes (group), ${first.role}${exposureText(exposure)}`,
        });
      }
    }
    nodes.sort((a, b) => a.label.localeCompare(b.label) || (a.pids[0] ?? 0) - (b.pids[0] ?? 0));
    if (foldedProcs.length > 0) {
      const exposure = widestExposure(foldedProcs.flatMap((p) => p.listeners));
      nodes.push({
        id: MORE_NODE_ID,
        kind: 'more',
        label: `+${foldedProcs.length} more`,
        role: null,
        pids: foldedProcs.map((p) => p.pid).sort((a, b) => a - b),
        exposure,
        listening: [],
        scope: null,
        address: null,
        members: foldedProcs.length,
        internalConnections: 0,
        ariaLabel: `+${foldedProcs.length} more processes (not drawn separately)${exposureText(exposure)}`,
      });
    }
    for (const b of buckets) {
      const host = b.kind === 'host' ? b.hosts[0]! : null;
      nodes.push({
        id: b.id,
        kind: host ? 'remote' : 'remote-group',
        label: b.title,
        role: null,
        pids: [],
        exposure: null,
        listening: [],
        scope: b.scope,
        address: host ? host.address : b.kind === 'subnet' ? b.title : null,
        members: b.hosts.length,
        internalConnections: 0,
        ariaLabel: host
          ? `remote host ${host.name ? `${host.name} (${host.address})` : host.address}, ${b.scope}`
          : `remote hosts in ${b.kind === 'subnet' ? b.title : `${b.scope} scope`} ×${b.hosts.length}, ${b.scope}`,
      });
    }
    if (hiddenLinks.size > 0) {
      nodes.push({
        id: HIDDEN_NODE_ID,
        kind: 'hidden',
        label: 'hidden process',
        role: 'server',
        pids: [],
        exposure: null,
        listening: [],
        scope: 'loopback',
        address: null,
        members: 1,
        internalConnections: 0,
        ariaLabel: "a server on this machine whose process is hidden (another user's; run elevated to see it)",
      });
    }
    const byId = new Map(nodes.map((n) => [n.id, n]));

    // Rule 2: merge parallel edges.
    const merged = new Map<
      string,
      { source: string; target: string; ports: Map<string, PortUse>; count: number; remote: boolean }
    >();
    const link = (source: string, target: string, use: PortUse, remote: boolean) => {
      if (source === target) {
        byId.get(source)!.internalConnections += use.count;
        return;
      }
      const id = `${source}->${target}`;
      let m = merged.get(id);
      if (!m) {
        m = { source, target, ports: new Map(), count: 0, remote };
        merged.set(id, m);
      }
      m.count += use.count;
      const key = `${use.protocol}|${use.port}|${use.path ?? ''}`;
      const p = m.ports.get(key);
      if (p) p.count += use.count;
      else m.ports.set(key, { ...use });
    };
    for (const e of snapshot.edges) {
      const service = serviceAt.get(`${e.serverPid}|${e.protocol}|${e.port}`) ?? null;
      link(
        nodeOf(e.clientPid),
        nodeOf(e.serverPid),
        { protocol: e.protocol, port: e.port, service, count: e.count },
        false,
      );
    }
    for (const l of hiddenLinks.values()) {
      link(
        nodeOf(l.pid),
        HIDDEN_NODE_ID,
        { protocol: l.protocol, port: l.port, service: l.service, count: l.count },
        false,
      );
    }
    for (const e of unixEdges) {
      const use: PortUse = { protocol: 'unix', path: e.path, port: 0, service: null, count: e.count };
      link(nodeOf(e.clientPid), nodeOf(e.serverPid), use, false);
    }
    for (const l of links.values()) {
      const use = { protocol: l.protocol, port: l.port, service: l.service, count: l.count };
      const proc = nodeOf(l.pid);
      const host = hostNode.get(l.address)!;
      if (l.side === 'client') link(proc, host, use, true);
      else link(host, proc, use, true);
    }
    const edges: MapEdge[] = [...merged]
      .map(([id, m]) => {
        const ports = [...m.ports.values()].sort(
          (a, b) => b.count - a.count || a.port - b.port || a.protocol.localeCompare(b.protocol),
        );
        const from = byId.get(m.source)!;
        const to = byId.get(m.target)!;
        return {
          id,
          source: m.source,
          target: m.target,
          ports,
          count: m.count,
          remote: m.remote,
          label: edgeLabel(ports, m.count),
          ariaLabel: `${from.label} → ${to.label}: ${ports.map(portText).join(', ')}, ${plural(m.count, 'connection')}`,
        };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
    return { nodes, edges, foldedProcesses: foldedProcs.length };
  };

  let keep = members.size + buckets.length > maxNodes ? Math.max(1, maxNodes - buckets.length - 1) : members.size;
  let drawn = draw(new Set(ranked.slice(keep)));
  // Rule 6: too many edges to follow (or to lay out quickly): fold more of the quietest.
  while (drawn.edges.length > maxEdges && keep > 1) {
    keep = Math.floor(keep * 0.8);
    drawn = draw(new Set(ranked.slice(keep)));
  }

  return {
    nodes: drawn.nodes,
    edges: drawn.edges,
    stats: {
      processes: procs.size,
      collapsedGroups,
      remoteHosts: hosts.size,
      remoteNodes: buckets.length,
      foldedProcesses: drawn.foldedProcesses,
      localConnections,
    },
  };
}
