/**
 * The fleet merge: several hosts' snapshots into one `sockeye.fleet/1` document. A client
 * socket on host A whose remote endpoint is an address host B owns (among B's interface
 * addresses) and a listener there becomes an edge A:process → B:process:port; it is
 * *confirmed* when B's own table holds the accepted end, with A's local endpoint as its
 * remote. Whatever no host of the fleet owns (NAT, a proxy, a host not listed) stays an
 * unmatched remote endpoint, as it was seen: never guessed.
 */
import type { Snapshot, Socket } from '../model/model';
import { unmapIPv4 } from '../derive/addressScope';
import { socketHolders } from '../derive/holders';
import { FLEET_SCHEMA, type Fleet, type FleetEdge, type FleetHost } from './fleetModel';
import { HostIndex, isLocalOnly } from './hostIndex';
import { EdgeTable } from './edgeTable';

/** One source's outcome: its snapshot, or why there is none. `source` is already redacted. */
export interface FleetInput {
  source: string;
  snapshot: Snapshot | null;
  error: string | null;
}

interface Member {
  /** Its position among the sources. */
  n: number;
  host: FleetHost;
  index: HostIndex | null;
}

/** Where a client socket's remote endpoint leads in the fleet. */
interface Target {
  server: Member | null;
  serverPid: number | null;
  confirmed: boolean;
  reason: string | null;
}

/** Hosts read so far by machine id: their source and what tells them apart (name and addresses). */
type Seen = Map<string, { source: string; print: string }[]>;

function hostOf(input: FleetInput, n: number, seen: Seen): Member {
  const s = input.snapshot;
  const host = (id: string | null, error: string | null): FleetHost => ({
    id,
    hostname: s?.host.hostname ?? null,
    source: input.source,
    ok: error === null,
    error,
    takenAt: s?.takenAt ?? null,
    processes: 0,
    sockets: 0,
    serves: [],
    clientConnections: 0,
    serverConnections: 0,
    unmatchedConnections: 0,
  });
  if (!s) return { n, host: host(null, input.error ?? 'no snapshot'), index: null };
  const index = new HostIndex(s);
  const base = s.host.id || `${s.host.hostname}@${input.source}`;
  const print = `${s.host.hostname}|${[...index.addresses].sort().join(',')}`;
  const known = seen.get(base) ?? [];
  const same = known.find((k) => k.print === print);
  // The same machine twice (a live serve and its saved file, or a list naming it again) would count every connection twice.
  if (same) return { n, host: host(base, `the same host as ${same.source} (host id ${base}): read once`), index: null };
  // One machine id, other addresses: network namespaces of one machine, or cloned VMs. Told apart, never merged.
  const id = known.length === 0 ? base : `${base}#${known.length + 1}`;
  known.push({ source: input.source, print });
  seen.set(base, known);
  const ok = host(id, null);
  ok.processes = s.processes.length;
  ok.sockets = s.sockets.length;
  ok.serves = index.services();
  return { n, host: ok, index };
}

/** The members owning each address (more than one: a cloned VM's, a Docker bridge's 172.17.0.1 on every host). */
function addressOwners(members: readonly Member[]): Map<string, Member[]> {
  const owners = new Map<string, Member[]>();
  for (const m of members) {
    if (!m.index) continue;
    for (const a of m.index.addresses) {
      const list = owners.get(a);
      if (list) list.push(m);
      else owners.set(a, [m]);
    }
  }
  return owners;
}

/** Who serves client socket `c` of `from`, among the hosts owning its remote address. */
function findTarget(c: Socket, remote: string, candidates: readonly Member[]): Target {
  const local = unmapIPv4(c.localAddress);
  const port = c.remotePort!;
  if (candidates.length === 1) {
    // Nearly always one owner: no arrays on the way (the loop runs once per client socket of the fleet).
    const m = candidates[0]!;
    const accepted = m.index!.accepted.find(c.protocol, remote, port, local, c.localPort) as Socket | undefined;
    const listener = accepted?.pid != null ? undefined : m.index!.listenerFor(c.protocol, remote, port);
    if (accepted) return { server: m, serverPid: accepted.pid ?? listener?.pid ?? null, confirmed: true, reason: null };
    if (listener) return { server: m, serverPid: listener.pid, confirmed: false, reason: null };
    return { server: m, serverPid: null, confirmed: false, reason: `nothing listens on ${port} there` };
  }
  const confirming: { m: Member; s: Socket }[] = [];
  for (const m of candidates) {
    const s = m.index!.accepted.find(c.protocol, remote, port, local, c.localPort) as Socket | undefined;
    if (s) confirming.push({ m, s });
  }
  if (confirming.length === 1) {
    const { m, s } = confirming[0]!;
    const pid = s.pid ?? m.index!.listenerFor(c.protocol, remote, port)?.pid ?? null;
    return { server: m, serverPid: pid, confirmed: true, reason: null };
  }
  const listening = candidates.filter((m) => m.index!.listenerFor(c.protocol, remote, port));
  if (listening.length === 1) {
    const m = listening[0]!;
    const pid = m.index!.listenerFor(c.protocol, remote, port)!.pid;
    return { server: m, serverPid: pid, confirmed: false, reason: null };
  }
  return {
    server: null,
    serverPid: null,
    confirmed: false,
    reason: `${candidates.length} hosts of the fleet have this address`,
  };
}

/** The client sockets worth following: an owner known, a remote endpoint, off loopback. */
function remoteOf(c: Socket): string | null {
  if (c.side !== 'client' || c.pid === null || c.remoteAddress === null || c.remotePort === null) return null;
  const remote = unmapIPv4(c.remoteAddress);
  return isLocalOnly(remote) ? null : remote;
}

/** Merge the sources' snapshots: hosts in the order given, edges sorted by client, server, port. */
export function mergeFleet(inputs: readonly FleetInput[]): Fleet {
  const seen: Seen = new Map();
  const members = inputs.map((input, n) => hostOf(input, n, seen));
  const owners = addressOwners(members);
  const edges = new EdgeTable();
  const noOwner: Member[] = [];
  for (const a of members) {
    if (!a.index) continue;
    for (const c of a.index.sockets) {
      const remote = remoteOf(c);
      if (remote === null || a.index.addresses.has(remote)) continue; // its own address: the snapshot's own edges
      const owning = owners.get(remote) ?? noOwner;
      const candidates = owning.length === 1 && owning[0] !== a ? owning : owning.filter((m) => m !== a);
      const t: Target = candidates.length
        ? findTarget(c, remote, candidates)
        : { server: null, serverPid: null, confirmed: false, reason: 'no host of the fleet has this address' };
      const matched = t.serverPid !== null;
      if (matched) {
        a.host.clientConnections++;
        t.server!.host.serverConnections++;
      } else a.host.unmatchedConnections++;
      for (const clientPid of socketHolders(c)) addEdge(edges, a, clientPid, c, remote, t);
    }
  }
  return { schema: FLEET_SCHEMA, hosts: members.map((m) => m.host), edges: sortEdges(edges.edges) };
}

function addEdge(edges: EdgeTable, a: Member, clientPid: number, c: Socket, remote: string, t: Target) {
  const unmatched = t.serverPid === null;
  const port = c.remotePort!;
  const make = (): FleetEdge => ({
    clientHost: a.host.id!,
    clientPid,
    clientProcess: a.index!.label(clientPid)!,
    serverHost: t.server?.host.id ?? null,
    serverPid: t.serverPid,
    serverProcess: t.server?.index?.label(t.serverPid) ?? null,
    protocol: c.protocol,
    port,
    count: 0,
    confirmed: 0,
    unmatched,
    remoteAddress: unmatched ? remote : null,
    reason: t.reason,
  });
  const serverHost = t.server ? t.server.n : -1;
  const e = edges.find(a.n, clientPid, serverHost, t.serverPid, c.protocol, port, unmatched ? remote : null, make);
  e.count++;
  if (t.confirmed) e.confirmed++;
}

// Code-unit order, not localeCompare: ~4 M comparisons for 250,000 edges, and the same order everywhere.
const text = (a: string | null, b: string | null) => (a === b ? 0 : (a ?? '') < (b ?? '') ? -1 : 1);

function sortEdges(edges: FleetEdge[]): FleetEdge[] {
  return edges.sort(
    (a, b) =>
      Number(a.unmatched) - Number(b.unmatched) ||
      text(a.clientHost, b.clientHost) ||
      a.clientPid - b.clientPid ||
      text(a.serverHost, b.serverHost) ||
      (a.serverPid ?? -1) - (b.serverPid ?? -1) ||
      a.port - b.port ||
      text(a.protocol, b.protocol) ||
      text(a.remoteAddress, b.remoteAddress),
  );
}
