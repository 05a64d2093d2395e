/**
 * One process's whole story: who it is, what it serves and to whom, what it uses.
 * Local peers come from the snapshot's edges (both ends on this host); peers the edges cannot
 * name are remote hosts (by address, with a name when known) or local processes whose owner
 * the OS would not tell.
 */
import type { Process, Protocol, Role, Scope, Snapshot, Socket } from '../model/model';
import type { Exposure } from '../derive/exposure';
import { exposureOf } from '../derive/exposure';
import { addressScope, unmapIPv4 } from '../derive/addressScope';
import { isListening } from '../derive/listening';
import { holds, socketHolders } from '../derive/holders';
import { serviceMembers } from '../derive/serviceFamilies';
import { widestExposure } from './map/listeners';
import { localAddressTest } from './map/localAddresses';
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
  /** Reached through DNAT: the published address and port the process connected to (from conntrack). */
  published?: { address: string; port: number };
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

/** What the serves and uses halves of a story both need. */
interface StoryContext {
  snapshot: Snapshot;
  procs: Map<number, Process>;
  pid: number;
  /** The process's own sockets (every socket it is one of the holders of). */
  own: Socket[];
  /** Sockets it serves through: its own, and connections accepted on listeners it shares with others. */
  servedThrough: Socket[];
  /** Per shared listening port (`PROTOCOL|PORT`), the other processes that hold it too. */
  coHolders: Map<string, Set<number>>;
  /** Service at `PID|PROTOCOL|PORT` of every server-side socket. */
  serviceOf: Map<string, string>;
  isLocal: (address: string) => boolean;
  processPeer: (pid: number) => StoryPeer;
  remotePeer: (address: string, scope: Scope | null) => StoryPeer;
}

function storyContext(snapshot: Snapshot, pid: number, names: NameLookup | undefined): StoryContext {
  const lookup = names ?? nameLookup(snapshot.dnsNames);
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const serviceOf = new Map<string, string>();
  for (const s of snapshot.sockets) {
    if (s.side === 'server' && s.service)
      for (const h of socketHolders(s)) serviceOf.set(`${h}|${portKey(s.protocol, s.localPort)}`, s.service);
  }
  const own = snapshot.sockets.filter((s) => holds(s, pid));
  const coHolders = coHoldersOf(own, pid);
  return {
    snapshot,
    procs,
    pid,
    own,
    servedThrough: servedThrough(snapshot, own, pid, coHolders),
    coHolders,
    serviceOf,
    isLocal: localAddressTest(snapshot.interfaces),
    processPeer: (p) => {
      const other = procs.get(p);
      return { kind: 'process', pid: p, label: other?.label ?? `pid ${p}`, role: other?.role ?? null };
    },
    remotePeer: (address, scope) => ({
      kind: 'remote',
      address,
      name: lookup(address),
      scope: scope ?? addressScope(address),
    }),
  };
}

/** Processes sharing this one's listeners (a listener opened before fork()): port key → every other holder. */
function coHoldersOf(own: readonly Socket[], pid: number): Map<string, Set<number>> {
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
  return coHolders;
}

/** Its own sockets, plus connections accepted on those shared ports by whoever of the family holds them. */
function servedThrough(snapshot: Snapshot, own: Socket[], pid: number, coHolders: Map<string, Set<number>>): Socket[] {
  if (coHolders.size === 0) return own;
  const coHeld = (s: Socket) => {
    const set = coHolders.get(portKey(s.protocol, s.localPort));
    return set !== undefined && socketHolders(s).some((h) => set.has(h));
  };
  return snapshot.sockets.filter((s) => holds(s, pid) || (s.side === 'server' && !isListening(s) && coHeld(s)));
}

type ServedDraft = ServedPort & { listeners: Socket[] };

/** Each listening port (and each port with server-side connections), with its binds. */
function servedPorts(ctx: StoryContext): Map<string, ServedDraft> {
  const served = new Map<string, ServedDraft>();
  const servedPort = (protocol: Protocol, port: number) => {
    const key = portKey(protocol, port);
    let sp = served.get(key);
    if (!sp) {
      const service = ctx.serviceOf.get(`${ctx.pid}|${key}`) ?? null;
      sp = { protocol, port, service, binds: [], exposure: null, clients: [], listeners: [] };
      served.set(key, sp);
    }
    return sp;
  };
  for (const s of ctx.own) {
    if (!isListening(s)) continue;
    const sp = servedPort(s.protocol, s.localPort);
    if (!sp.binds.some((b) => b.address === s.localAddress)) {
      sp.binds.push({ address: s.localAddress, scope: s.localScope, exposure: exposureOf(s.localScope) });
    }
    sp.listeners.push(s);
  }
  for (const s of ctx.servedThrough) {
    if (s.side === 'server' && !isListening(s) && s.remoteAddress !== null) servedPort(s.protocol, s.localPort);
  }
  for (const e of ctx.snapshot.edges) if (e.serverPid === ctx.pid) servedPort(e.protocol, e.port);
  return served;
}

/**
 * The client an edge brings to this process: its own server side, or one of the family's that
 * hold a shared listener (`via`). An edge to this process and to a co-holder for the same
 * connection (both hold the accepted socket) counts once.
 */
function servedClient(ctx: StoryContext, e: Snapshot['edges'][number]): StoryClient | null {
  const via = e.serverPid !== ctx.pid && ctx.coHolders.get(portKey(e.protocol, e.port))?.has(e.serverPid);
  if (e.serverPid !== ctx.pid && !via) return null;
  const same = (o: Snapshot['edges'][number]) =>
    o.serverPid === ctx.pid && o.clientPid === e.clientPid && o.port === e.port && o.protocol === e.protocol;
  if (via && ctx.snapshot.edges.some(same)) return null;
  const client: StoryClient = { peer: ctx.processPeer(e.clientPid), connections: e.count };
  if (via) client.via = { pid: e.serverPid, label: ctx.procs.get(e.serverPid)?.label ?? `pid ${e.serverPid}` };
  return client;
}

/** Serves: listeners by protocol and port, then who is connected to each. */
function servesOf(ctx: StoryContext): ServedPort[] {
  const served = servedPorts(ctx);
  const localIn = new Map<string, number>();
  const knownIn = new Map<string, number>();
  const remoteIn = new Map<string, Map<string, { scope: Scope | null; n: number }>>();
  for (const s of ctx.servedThrough) {
    if (s.side !== 'server' || isListening(s) || s.remoteAddress === null) continue;
    const key = portKey(s.protocol, s.localPort);
    if (ctx.isLocal(s.remoteAddress)) add(localIn, key);
    else {
      const address = unmapIPv4(s.remoteAddress);
      const byHost = remoteIn.get(key) ?? new Map();
      remoteIn.set(key, byHost);
      const h = byHost.get(address) ?? { scope: s.remoteScope, n: 0 };
      h.n++;
      byHost.set(address, h);
    }
  }
  for (const e of ctx.snapshot.edges) {
    const client = servedClient(ctx, e);
    if (!client) continue;
    const key = portKey(e.protocol, e.port);
    served.get(key)!.clients.push(client);
    add(knownIn, key, e.count);
  }
  for (const [key, sp] of served) {
    const hidden = (localIn.get(key) ?? 0) - (knownIn.get(key) ?? 0);
    if (hidden > 0) sp.clients.push({ peer: { kind: 'hidden' }, connections: hidden });
    for (const [address, h] of remoteIn.get(key) ?? [])
      sp.clients.push({ peer: ctx.remotePeer(address, h.scope), connections: h.n });
    sp.clients.sort((a, b) => b.connections - a.connections);
    sp.exposure = widestExposure(sp.listeners);
  }
  return [...served.values()]
    .map(({ listeners: _listeners, ...sp }) => sp)
    .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** Uses: local servers from the edges, remote ones from the client sockets. */
function usesOf(ctx: StoryContext): UsedServer[] {
  const uses: UsedServer[] = [];
  const localOut = new Map<string, number>();
  const knownOut = new Map<string, number>();
  const remoteOut = new Map<string, UsedServer>();
  // Connections to a published address that an edge through DNAT already carries to its server.
  const viaDnat = new Set<string>();
  for (const e of ctx.snapshot.edges)
    if (e.clientPid === ctx.pid && e.via === 'dnat' && e.publishedAddress !== undefined)
      viaDnat.add(`${e.publishedAddress}|${portKey(e.protocol, e.publishedPort ?? 0)}`);
  for (const s of ctx.own) {
    if (s.side !== 'client' || s.remoteAddress === null || s.remotePort === null) continue;
    const key = portKey(s.protocol, s.remotePort);
    if (viaDnat.size > 0 && viaDnat.has(`${unmapIPv4(s.remoteAddress)}|${key}`)) continue;
    if (ctx.isLocal(s.remoteAddress)) {
      add(localOut, key);
      continue;
    }
    const address = unmapIPv4(s.remoteAddress);
    const k = `${address}|${key}`;
    const u = remoteOut.get(k);
    if (u) u.connections++;
    else {
      const peer = ctx.remotePeer(address, s.remoteScope);
      remoteOut.set(k, { protocol: s.protocol, port: s.remotePort, service: s.service, peer, connections: 1 });
    }
  }
  for (const e of ctx.snapshot.edges) {
    if (e.clientPid !== ctx.pid) continue;
    const key = portKey(e.protocol, e.port);
    const service = ctx.serviceOf.get(`${e.serverPid}|${key}`) ?? null;
    uses.push({
      protocol: e.protocol,
      port: e.port,
      service,
      peer: ctx.processPeer(e.serverPid),
      connections: e.count,
      ...(e.via === 'dnat' && e.publishedAddress !== undefined && e.publishedPort !== undefined
        ? { published: { address: e.publishedAddress, port: e.publishedPort } }
        : {}),
    });
    if (e.via !== 'dnat') add(knownOut, key, e.count);
  }
  for (const [key, n] of localOut) {
    const hidden = n - (knownOut.get(key) ?? 0);
    if (hidden <= 0) continue;
    const [protocol, port] = key.split('|') as [Protocol, string];
    const sample = ctx.own.find((s) => s.side === 'client' && s.protocol === protocol && s.remotePort === Number(port));
    const service = sample?.service ?? null;
    uses.push({ protocol, port: Number(port), service, peer: { kind: 'hidden' }, connections: hidden });
  }
  uses.push(...remoteOut.values());
  return uses.sort((a, b) => peerOrder(a.peer) - peerOrder(b.peer) || b.connections - a.connections || a.port - b.port);
}

/** The story of process `pid` in `snapshot`, or null if the snapshot does not list it. */
export function buildProcessStory(snapshot: Snapshot, pid: number, names?: NameLookup): ProcessStory | null {
  const process = snapshot.processes.find((p) => p.pid === pid);
  if (!process) return null;
  const ctx = storyContext(snapshot, pid, names);
  const parentProc = process.ppid === null ? undefined : ctx.procs.get(process.ppid);
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
    ancestors: (process.ancestors ?? []).map((a) => ({ ...a, label: ctx.procs.get(a.pid)?.label ?? null })),
    serves: servesOf(ctx),
    uses: usesOf(ctx),
  };
}

function peerOrder(p: StoryPeer): number {
  return p.kind === 'process' ? 0 : p.kind === 'hidden' ? 1 : 2;
}
