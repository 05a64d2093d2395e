/**
 * One process's whole story: who it is, what it serves and to whom, what it uses.
 * Local peers come from the snapshot's edges (both ends on this host); peers the edges cannot
 * name are remote hosts (by address, with a name when known) or local processes whose owner
 * the OS would not tell.
 */
import type { Process, Protocol, Role, Scope, Snapshot, Socket } from '../model';
import type { Exposure } from '../exposure';
import { exposureOf } from '../exposure';
import { addressScope, unmapIPv4 } from '../addressScope';
import { isListening } from '../listening';
import { holds, socketHolders } from '../holders';
import { serviceMembers } from '../serviceFamilies';
import { widestExposure } from './listeners';
import { localAddressTest } from './localAddresses';
import { nameLookup, type NameLookup } from './knownNames';

export type StoryPeer =
  | { kind: 'process'; pid: number; label: string; role: Role | null }
  | { kind: 'remote'; address: string; name: string | null; scope: Scope }
  /** On this machine, but the owning process is hidden (another user's, or closing). */
  | { kind: 'hidden' };

export interface StoryClient {
  peer: StoryPeer;
  connections: number;
  /**
   * The process that holds these connections when it is not this one: a listener shared across
   * fork() (nginx's master and workers) is served by whichever holder accepted.
   */
  via?: { pid: number; label: string };
}

export interface ServedPort {
  protocol: Protocol;
  port: number;
  service: string | null;
  /** Addresses the port is bound to, each with its reach. */
  binds: { address: string; scope: Scope; exposure: Exposure }[];
  /** The widest reach beyond this machine, or null when it stays on this machine. */
  exposure: Exposure | null;
  clients: StoryClient[];
}

export interface UsedServer {
  protocol: Protocol;
  port: number;
  service: string | null;
  peer: StoryPeer;
  connections: number;
}

export interface ProcessStory {
  process: Process;
  parent: { pid: number; label: string | null } | null;
  /** Its service family (the head and the children sharing its listeners or executable), head first. */
  family: { pid: number; label: string; role: Role }[];
  /** Parent chain, nearest first, with labels where the snapshot lists the process. */
  ancestors: { pid: number; name: string; label: string | null }[];
  serves: ServedPort[];
  uses: UsedServer[];
}

const portKey = (protocol: Protocol, port: number) => `${protocol}|${port}`;

function add<K>(map: Map<K, number>, key: K, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The story of process `pid` in `snapshot`, or null if the snapshot does not list it. */
export function buildProcessStory(snapshot: Snapshot, pid: number, names?: NameLookup): ProcessStory | null {
  const process = snapshot.processes.find((p) => p.pid === pid);
  if (!process) return null;
  const lookup = names ?? nameLookup(snapshot.dnsNames);
  const isLocal = localAddressTest(snapshot.interfaces);
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const processPeer = (p: number): StoryPeer => {
    const other = procs.get(p);
    return { kind: 'process', pid: p, label: other?.label ?? `pid ${p}`, role: other?.role ?? null };
  };
  const remotePeer = (address: string, scope: Scope | null): StoryPeer => ({
    kind: 'remote',
    address,
    name: lookup(address),
    scope: scope ?? addressScope(address),
  });

  const own = snapshot.sockets.filter((s) => holds(s, pid));
  const serviceOf = new Map<string, string>();
  for (const s of snapshot.sockets) {
    if (s.side === 'server' && s.service)
      for (const h of socketHolders(s)) serviceOf.set(`${h}|${portKey(s.protocol, s.localPort)}`, s.service);
  }
  // Processes sharing this one's listeners (port key → every holder but this one).
  const coHolders = new Map<string, Set<number>>();
  for (const s of own) {
    if (!isListening(s)) continue;
    const key = portKey(s.protocol, s.localPort);
    for (const h of socketHolders(s)) {
      if (h === pid) continue;
      let set = coHolders.get(key);
      if (!set) coHolders.set(key, (set = new Set()));
      set.add(h);
    }
  }
  const coHeld = (s: Socket, key: string) => {
    const set = coHolders.get(key);
    return set !== undefined && socketHolders(s).some((h) => set.has(h));
  };
  // Accepted connections on those shared ports, whoever of the family holds them.
  const served_ =
    coHolders.size === 0
      ? own
      : snapshot.sockets.filter(
          (s) =>
            holds(s, pid) || (s.side === 'server' && !isListening(s) && coHeld(s, portKey(s.protocol, s.localPort))),
        );

  // Serves: listeners by protocol and port, then who is connected to each.
  const served = new Map<string, ServedPort & { listeners: Socket[] }>();
  const servedPort = (protocol: Protocol, port: number) => {
    const key = portKey(protocol, port);
    let sp = served.get(key);
    if (!sp) {
      sp = {
        protocol,
        port,
        service: serviceOf.get(`${pid}|${key}`) ?? null,
        binds: [],
        exposure: null,
        clients: [],
        listeners: [],
      };
      served.set(key, sp);
    }
    return sp;
  };
  for (const s of own) {
    if (!isListening(s)) continue;
    const sp = servedPort(s.protocol, s.localPort);
    if (!sp.binds.some((b) => b.address === s.localAddress)) {
      sp.binds.push({ address: s.localAddress, scope: s.localScope, exposure: exposureOf(s.localScope) });
    }
    sp.listeners.push(s);
  }
  const localIn = new Map<string, number>();
  const knownIn = new Map<string, number>();
  const remoteIn = new Map<string, Map<string, { scope: Scope | null; n: number }>>();
  for (const s of served_) {
    if (s.side !== 'server' || isListening(s) || s.remoteAddress === null) continue;
    const key = portKey(s.protocol, s.localPort);
    servedPort(s.protocol, s.localPort);
    if (isLocal(s.remoteAddress)) add(localIn, key);
    else {
      const address = unmapIPv4(s.remoteAddress);
      const byHost = remoteIn.get(key) ?? new Map();
      remoteIn.set(key, byHost);
      const h = byHost.get(address) ?? { scope: s.remoteScope, n: 0 };
      h.n++;
      byHost.set(address, h);
    }
  }
  for (const e of snapshot.edges) {
    const key = portKey(e.protocol, e.port);
    const via = e.serverPid !== pid && coHolders.get(key)?.has(e.serverPid);
    if (e.serverPid !== pid && !via) continue;
    // An edge to this process and to a co-holder for the same connection (both hold the accepted socket) counts once.
    if (
      via &&
      snapshot.edges.some(
        (o) => o.serverPid === pid && o.clientPid === e.clientPid && o.port === e.port && o.protocol === e.protocol,
      )
    )
      continue;
    const sp = servedPort(e.protocol, e.port);
    const client: StoryClient = { peer: processPeer(e.clientPid), connections: e.count };
    if (via) client.via = { pid: e.serverPid, label: procs.get(e.serverPid)?.label ?? `pid ${e.serverPid}` };
    sp.clients.push(client);
    add(knownIn, key, e.count);
  }
  for (const [key, sp] of served) {
    const hidden = (localIn.get(key) ?? 0) - (knownIn.get(key) ?? 0);
    if (hidden > 0) sp.clients.push({ peer: { kind: 'hidden' }, connections: hidden });
    for (const [address, h] of remoteIn.get(key) ?? [])
      sp.clients.push({ peer: remotePeer(address, h.scope), connections: h.n });
    sp.clients.sort((a, b) => b.connections - a.connections);
    sp.exposure = widestExposure(sp.listeners);
  }

  // Uses: local servers from the edges, remote ones from the client sockets.
  const uses: UsedServer[] = [];
  const localOut = new Map<string, number>();
  const knownOut = new Map<string, number>();
  const remoteOut = new Map<string, UsedServer>();
  for (const s of own) {
    if (s.side !== 'client' || s.remoteAddress === null || s.remotePort === null) continue;
    const key = portKey(s.protocol, s.remotePort);
    if (isLocal(s.remoteAddress)) {
      add(localOut, key);
      continue;
    }
    const address = unmapIPv4(s.remoteAddress);
    const k = `${address}|${key}`;
    const u = remoteOut.get(k);
    if (u) u.connections++;
    else
      remoteOut.set(k, {
        protocol: s.protocol,
        port: s.remotePort,
        service: s.service,
        peer: remotePeer(address, s.remoteScope),
        connections: 1,
      });
  }
  for (const e of snapshot.edges) {
    if (e.clientPid !== pid) continue;
    const key = portKey(e.protocol, e.port);
    uses.push({
      protocol: e.protocol,
      port: e.port,
      service: serviceOf.get(`${e.serverPid}|${key}`) ?? null,
      peer: processPeer(e.serverPid),
      connections: e.count,
    });
    add(knownOut, key, e.count);
  }
  for (const [key, n] of localOut) {
    const hidden = n - (knownOut.get(key) ?? 0);
    if (hidden <= 0) continue;
    const [protocol, port] = key.split('|') as [Protocol, string];
    const sample = own.find((s) => s.side === 'client' && s.protocol === protocol && s.remotePort === Number(port));
    uses.push({
      protocol,
      port: Number(port),
      service: sample?.service ?? null,
      peer: { kind: 'hidden' },
      connections: hidden,
    });
  }
  uses.push(...remoteOut.values());
  uses.sort((a, b) => peerOrder(a.peer) - peerOrder(b.peer) || b.connections - a.connections || a.port - b.port);

  const parentProc = process.ppid === null ? undefined : procs.get(process.ppid);
  const family =
    process.servicePid === undefined
      ? []
      : serviceMembers(snapshot.processes, process.servicePid).map((p) => ({
          pid: p.pid,
          label: p.label,
          role: p.role,
        }));
  return {
    process,
    parent: process.ppid === null ? null : { pid: process.ppid, label: parentProc?.label ?? null },
    family,
    ancestors: (process.ancestors ?? []).map((a) => ({ ...a, label: procs.get(a.pid)?.label ?? null })),
    serves: [...served.values()]
      .map(({ listeners: _listeners, ...sp }) => sp)
      .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol)),
    uses,
  };
}

function peerOrder(p: StoryPeer): number {
  return p.kind === 'process' ? 0 : p.kind === 'hidden' ? 1 : 2;
}
