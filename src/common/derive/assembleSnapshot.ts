/**
 * From what a collector saw to a Snapshot: scopes, sides, service names, roles, labels, edges.
 * Linear in the number of sockets (maps keyed by endpoint text), because it runs on every
 * live refresh of tables with tens of thousands of rows.
 */
import type { Collected, RawSocket } from '../model/collected';
import { serviceLikely } from './likelyService';
import type { Process, Snapshot, Socket } from '../model/model';
import { SNAPSHOT_SCHEMA } from '../model/snapshotSchemaName';
import { addressScope } from './addressScope';
import { classifySides } from './classifySockets';
import { classifyRoles } from './classifyRoles';
import { pairLoopback } from './pairLoopback';
import { portClass } from './portClass';
import { processLabel } from './processLabel';
import { serviceName, type ServiceTable } from './services';
import { socketHolders } from './holders';
import { serviceHeads } from './serviceFamilies';
import { assembleUnix } from './unixSockets';
import { summarizeTraffic } from '../traffic/summarizeTraffic';
import { compareSockets } from './socketOrder';
import { pairDnat } from './pairDnat';
import { byPlace, publishedFromConntrack, publishedFromDockerProxies } from '../nat/publishedPorts';
import { unchanged, type SocketReuse } from './socketReuse';

export interface AssembleOptions {
  services: ServiceTable;
  takenAt?: Date;
  /** The last assembly's sockets (a live refresh): unchanged ones are reused, not copied. */
  reuse?: SocketReuse;
}

/**
 * Service fields for a socket: the name its port is registered under, given as `service` only where
 * it is likely true (well-known ports, or a registered name that matches the holder's program).
 */
function serviceNamer(
  collected: Collected,
  services: ServiceTable,
): (s: RawSocket, side: Socket['side'], port: number, out: Socket) => void {
  // Names by protocol and port, looked up once per port rather than once per socket.
  const names = new Map<number, string | null>();
  const nameOf = (protocol: Socket['protocol'], port: number): string | null => {
    const key = port * 2 + (protocol === 'tcp' ? 0 : 1);
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = serviceName(services, protocol, port)));
    return name;
  };
  // The programs holding a socket, for telling whether a registered port's name is likely true.
  const programsOf = new Map<number, string[]>();
  for (const p of collected.processes) {
    const exe = p.path ? p.path.slice(p.path.lastIndexOf('/') + 1) : null;
    programsOf.set(p.pid, exe && exe !== p.name ? [p.name, exe] : [p.name]);
  }
  const likely = new Map<number, boolean>();
  const likelyName = (s: RawSocket, side: Socket['side'], name: string | null, port: number): boolean => {
    if (name === null || port < 1024) return name !== null;
    const serving = side === 'server' || s.remotePort === null;
    const pid = s.pid ?? -1;
    // Keyed by owner, port and side: a few hundred distinct ones among 20,000 sockets.
    const key = (pid * 65536 + port) * 2 + (serving ? 1 : 0);
    let v = likely.get(key);
    if (v === undefined) {
      const programs = serving ? socketHolders(s).flatMap((h) => programsOf.get(h) ?? []) : [];
      likely.set(key, (v = serviceLikely(name, port, serving, programs)));
    }
    return v;
  };
  return (s, side, port, out) => {
    const name = nameOf(s.protocol, port);
    // `service` when the name is likely true, else null with the registration as `serviceHint`.
    if (name === null || likelyName(s, side, name, port)) out.service = name;
    else {
      out.service = null;
      out.serviceHint = name;
    }
  };
}

type ServiceWriter = ReturnType<typeof serviceNamer>;

/** The service port is the server's end: ours when we serve, theirs when we are the client. */
function servicePortOf(s: RawSocket, side: Socket['side']): number {
  if (side === 'client' && s.remotePort !== null) return s.remotePort;
  return side === 'server' || s.remotePort === null ? s.localPort : Math.min(s.localPort, s.remotePort);
}

/** Written by the service namer when checking a reusable socket; only its two service fields are read. */
const serviceScratch = {} as Socket;

/** The socket of row `s`: the last assembly's object when nothing it is made of changed, else a new one. */
function socketOf(
  s: RawSocket,
  side: Socket['side'],
  serviceOf: ServiceWriter,
  counting: boolean,
  reuse: SocketReuse | undefined,
): Socket {
  const servicePort = servicePortOf(s, side);
  const prev = reuse?.previousOf(s, counting);
  if (prev && unchanged(prev, s, side, counting)) {
    serviceScratch.service = null;
    serviceScratch.serviceHint = undefined;
    serviceOf(s, side, servicePort, serviceScratch);
    if (prev.service === serviceScratch.service && prev.serviceHint === serviceScratch.serviceHint) return prev;
  }
  return deriveSocket(s, side, servicePort, serviceOf, counting);
}

/**
 * The snapshot's sockets, sorted. Its own small function with a plain loop rather than a closure
 * made per assembly: V8 recompiled assembleSnapshot on most live ticks while it held this loop
 * (--trace-opt), and far less often once it moved here.
 */
function deriveSockets(
  rows: readonly RawSocket[],
  sides: readonly (Socket['side'] | undefined)[],
  serviceOf: ServiceWriter,
  counting: boolean,
  reuse: SocketReuse | undefined,
): Socket[] {
  const sockets: Socket[] = new Array<Socket>(rows.length);
  for (let i = 0; i < rows.length; i++) sockets[i] = socketOf(rows[i]!, sides[i] ?? null, serviceOf, counting, reuse);
  reuse?.remember(rows, sockets, counting);
  return sockets.sort(compareSockets);
}

/** One socket of the snapshot from its collected row and its side. */
function deriveSocket(
  s: RawSocket,
  side: Socket['side'],
  servicePort: number,
  serviceOf: ServiceWriter,
  counting: boolean,
): Socket {
  // Filled field by field in the document's order (no object spreads: this runs for every
  // socket of every live tick, and spreading small objects cost ~15 % of assembling).
  const out = {
    protocol: s.protocol,
    family: s.family,
    localAddress: s.localAddress,
    localPort: s.localPort,
    remoteAddress: s.remoteAddress,
    remotePort: s.remotePort,
    state: s.state,
    pid: s.pid,
    pids: socketHolders(s) as number[],
    uid: s.uid,
  } as Socket;
  if (s.user != null && s.pid === null) out.user = s.user;
  out.side = side;
  out.localScope = addressScope(s.localAddress);
  out.remoteScope = s.remoteAddress === null ? null : addressScope(s.remoteAddress);
  serviceOf(s, side, servicePort, out);
  out.portClass = portClass(servicePort);
  if (s.recvQ !== undefined) {
    out.recvQ = s.recvQ;
    out.sendQ = s.sendQ ?? 0;
  }
  if (s.netns != null) out.netns = s.netns;
  if (counting) {
    // Written out (null for unknown) wherever the collector counts traffic; absent elsewhere.
    out.bytesSent = s.bytesSent ?? null;
    out.bytesReceived = s.bytesReceived ?? null;
    out.bytesRetransmitted = s.bytesRetransmitted ?? null;
    out.rttMs = s.rttMs ?? null;
    out.sendRate = s.sendRate ?? null;
    out.receiveRate = s.receiveRate ?? null;
  }
  return out;
}

/** Derive a complete `sockeye.snapshot/1` document from one collection. */
export function assembleSnapshot(collected: Collected, options: AssembleOptions): Snapshot {
  const { services } = options;
  const sides = classifySides(collected.sockets, services);
  const counting = collected.traffic !== undefined;
  const serviceOf = serviceNamer(collected, services);
  const sockets = deriveSockets(collected.sockets, sides, serviceOf, counting, options.reuse);

  // Unix sockets count toward roles too (a process listening on /run/x.sock serves), and their
  // holders with a side are listed; the unpaired ones (socketpairs, stdio) make no one a party.
  const unix = collected.unixSockets ? assembleUnix(collected.unixSockets) : null;
  const roles = classifyRoles(unix ? [...sockets, ...unix.sockets] : sockets);
  const owners = new Set<number>();
  for (let i = 0; i < sockets.length; i++) {
    const holders = socketHolders(sockets[i]!);
    for (let j = 0; j < holders.length; j++) owners.add(holders[j]!);
  }
  if (unix) for (const u of unix.sockets) if (u.side !== null) for (const pid of u.pids) owners.add(pid);
  const processes: Process[] = collected.processes
    .filter((p) => owners.has(p.pid))
    .map((p) => ({ ...p, label: processLabel(p), role: roles.get(p.pid) ?? 'none' }))
    .sort((a, b) => a.pid - b.pid);
  const heads = serviceHeads(processes, sockets);
  for (const p of processes) {
    const head = heads.get(p.pid);
    if (head !== undefined) p.servicePid = head;
  }

  return {
    schema: SNAPSHOT_SCHEMA,
    takenAt: (options.takenAt ?? new Date()).toISOString(),
    host: {
      hostname: collected.hostname,
      platform: collected.platform,
      collector: collected.collector,
      privileged: collected.privileged,
      unmappedSockets: collected.unmappedSockets ?? sockets.filter((s) => s.pid === null).length,
      ...(collected.socketTable !== undefined ? { socketTable: collected.socketTable } : null),
    },
    interfaces: collected.interfaces,
    processes,
    sockets,
    edges: withDnat(pairLoopback(sockets), sockets, collected),
    dnsNames: [],
    warnings: collected.warnings ?? [],
    ...(collected.traffic ? { traffic: summarizeTraffic(sockets, collected.traffic) } : null),
    ...(unix ? { unixSockets: unix.sockets, unixEdges: unix.edges } : {}),
    ...(collected.namespaces ? { namespaces: collected.namespaces } : {}),
    ...publishedOf(processes, sockets, collected),
  };
}

/** Edges through DNAT (from conntrack) after the direct ones, in the same order. */
function withDnat(direct: Snapshot['edges'], sockets: readonly Socket[], collected: Collected): Snapshot['edges'] {
  if (!collected.conntrack?.length) return direct;
  const dnat = pairDnat(sockets, collected.conntrack);
  if (dnat.length === 0) return direct;
  return direct
    .concat(dnat)
    .sort(
      (a, b) =>
        a.clientPid - b.clientPid ||
        a.serverPid - b.serverPid ||
        a.protocol.localeCompare(b.protocol) ||
        a.port - b.port ||
        (a.via ?? '').localeCompare(b.via ?? ''),
    );
}

/** `published`, present only when something is known to be published. */
function publishedOf(processes: Process[], sockets: readonly Socket[], collected: Collected) {
  const published = publishedFromConntrack(collected.conntrack ?? [])
    .concat(publishedFromDockerProxies(processes, sockets))
    .sort(byPlace);
  return published.length > 0 ? { published } : {};
}
