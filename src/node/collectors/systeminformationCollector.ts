/**
 * The portable collector (macOS, Windows, Linux without /proc): systeminformation's
 * networkConnections() and processes(), mapped into the same `Collected` shape as procfs.
 *
 * What it cannot see (README "Platform notes"): on Linux it runs `netstat`/`ss` and keeps only
 * lines with a TCP state, so unconnected UDP sockets are dropped; it cuts process names at the
 * first space; it reports no socket uid and no working directory.
 */
import { hostname } from 'node:os';
import si from 'systeminformation';
import type { Collected, RawProcess, RawSocket, RawUnixSocket } from '../../common/model/collected';
import type { SocketState, TcpState, UnixState } from '../../common/model/model';
import { TcpStateSchema } from '../../common/model/model';
import { listInterfaces } from './interfaces';
import { inetKey, parseSsInetHolders, parseSsUnix, type SsUnixLine } from './ss/ssParse';
import { unixSides } from '../../common/derive/unixSockets';
import { runSs } from './ss/runSs';

const STATE_ALIASES: Record<string, TcpState> = {
  ESTAB: 'ESTABLISHED',
  LISTENING: 'LISTEN',
  SYN_RECEIVED: 'SYN_RECV',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSED: 'CLOSE',
};

/** State words of netstat (Linux, macOS, Windows) and ss, in our vocabulary. */
export function normalizeState(protocol: 'tcp' | 'udp', raw: string | undefined, hasPeer: boolean): SocketState | null {
  if (protocol === 'udp') return hasPeer ? 'CONNECTED' : 'UNCONN';
  const word = (raw ?? '').trim().toUpperCase().replace(/-/g, '_');
  const parsed = TcpStateSchema.safeParse(STATE_ALIASES[word] ?? word);
  return parsed.success ? parsed.data : null;
}

/**
 * "[::1]", "fe80::1%eth0", "*" → address text. netstat prints the IPv4 peers of an IPv6 socket
 * (tcp6 rows) as plain IPv4; the socket really holds ::ffff:a.b.c.d, as procfs and ss say.
 */
export function normalizeAddress(raw: string | undefined, ipv6: boolean): string {
  let a = (raw ?? '').trim();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  if (a === '' || a === '*') return ipv6 ? '::' : '0.0.0.0';
  if (ipv6 && /^\d+\.\d+\.\d+\.\d+$/.test(a)) return a === '0.0.0.0' ? '::' : `::ffff:${a}`;
  return a;
}

function toPort(raw: string | undefined): number | null {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** One systeminformation connection row as a RawSocket; null when it is not a socket we model. */
export function mapConnection(c: si.Systeminformation.NetworkConnectionsData): RawSocket | null {
  const proto = c.protocol.toLowerCase();
  const protocol = proto.startsWith('tcp') ? 'tcp' : proto.startsWith('udp') ? 'udp' : null;
  if (!protocol) return null;
  const local = (c.localAddress ?? '').replace(/^\[|\]$/g, '');
  // `ss` (which systeminformation runs on Linux without netstat) prints a dual-stack :: bind as "*".
  const ipv6 = proto.endsWith('6') || local.includes(':') || (local === '*' && !proto.endsWith('4'));
  const localAddress = normalizeAddress(c.localAddress, ipv6);
  const localPort = toPort(c.localPort);
  if (localPort === null) return null;
  const peerPort = toPort(c.peerPort);
  const peer = normalizeAddress(c.peerAddress, ipv6);
  const wildcardPeer = peerPort === null || peerPort === 0 || peer === '0.0.0.0' || peer === '::';
  const remoteAddress = wildcardPeer ? null : peer;
  const pid = typeof c.pid === 'number' && c.pid > 0 ? c.pid : null;
  return {
    protocol,
    family: ipv6 ? 'IPv6' : 'IPv4',
    localAddress,
    localPort,
    remoteAddress,
    remotePort: remoteAddress === null ? null : peerPort,
    state: normalizeState(protocol, c.state, remoteAddress !== null),
    pid,
    uid: null,
  };
}

function mapProcess(p: si.Systeminformation.ProcessesProcessData): RawProcess {
  const started = p.started ? new Date(p.started.replace(' ', 'T')) : null;
  return {
    pid: p.pid,
    ppid: p.parentPid > 0 ? p.parentPid : null,
    // A self-titled process ("nginx: worker process") is named "nginx:" by systeminformation.
    name: p.name.endsWith(':') && p.name.length > 1 ? p.name.slice(0, -1) : p.name,
    path: p.path || null,
    cmdline: [p.command, p.params].filter(Boolean).join(' ') || null,
    cwd: null,
    user: p.user || null,
    startedAt: started && !Number.isNaN(started.getTime()) ? started.toISOString() : null,
  };
}

/**
 * systeminformation names one pid per socket (netstat prints one). On Linux, `ss -tuanp` lists
 * every holder of a socket shared across fork(): those holders replace the single pid.
 */
export function addSharedHolders(sockets: RawSocket[], shared: ReadonlyMap<string, number[]>): void {
  if (shared.size === 0) return;
  for (const s of sockets) {
    const pids = shared.get(inetKey(s.protocol, s.localAddress, s.localPort, s.remoteAddress, s.remotePort));
    if (!pids || (s.pid !== null && !pids.includes(s.pid))) continue;
    s.pids = pids;
    s.pid = pids[0]!;
  }
}

export async function collectWithSysteminformation(): Promise<Collected> {
  const linux = process.platform === 'linux';
  const [connections, processes, stats, ssInet, ssUnix] = await Promise.all([
    si.networkConnections(),
    si.processes(),
    si.networkStats('*').catch(() => []),
    linux ? runSs(['-tuanpH']) : Promise.resolve(null),
    // systeminformation lists no Unix sockets: on Linux ss does (holders, peers); elsewhere none.
    linux ? runSs(['-xapH']) : Promise.resolve(null),
  ]);
  const unixSockets = ssUnix === null ? undefined : unixFromSs(parseSsUnix(ssUnix));
  const sockets: RawSocket[] = [];
  for (const c of connections) {
    const s = mapConnection(c);
    if (s) sockets.push(s);
  }
  if (ssInet !== null) addSharedHolders(sockets, parseSsInetHolders(ssInet));
  const byPid = new Map(processes.list.map((p) => [p.pid, p]));
  const owners = new Set(sockets.flatMap((s) => s.pids ?? (s.pid === null ? [] : [s.pid])));
  if (unixSockets) {
    const sides = unixSides(unixSockets);
    unixSockets.forEach((u, i) => {
      if (sides[i] !== null) for (const p of u.pids) owners.add(p);
    });
  }
  const rawProcesses: RawProcess[] = [];
  for (const pid of owners) {
    const p = byPid.get(pid);
    rawProcesses.push(
      p
        ? mapProcess(p)
        : { pid, ppid: null, name: `pid ${pid}`, path: null, cmdline: null, cwd: null, user: null, startedAt: null },
    );
  }
  return {
    collector: 'systeminformation',
    hostname: hostname(),
    platform: process.platform,
    privileged: typeof process.getuid === 'function' && process.getuid() === 0,
    sockets,
    processes: rawProcesses,
    interfaces: listInterfaces(),
    // TIME_WAIT sockets have no owner anywhere; the others without a pid are hidden from us.
    unmappedSockets: sockets.filter((s) => s.pid === null && s.state !== 'TIME_WAIT').length,
    warnings: [],
    traffic: {
      available: false,
      unavailableReason: noCountersReason(process.platform),
      source: null,
      intervalMs: null,
      since: null,
      closed: [],
      closedByRemote: [],
      // systeminformation computes per-second figures between its own calls (none on the first).
      interfaces: stats.map((n) => ({
        name: n.iface,
        bytesSent: n.tx_bytes,
        bytesReceived: n.rx_bytes,
        sendRate: typeof n.tx_sec === 'number' && n.tx_sec >= 0 ? n.tx_sec : null,
        receiveRate: typeof n.rx_sec === 'number' && n.rx_sec >= 0 ? n.rx_sec : null,
      })),
      lostEvents: 0,
    },
    unixSockets,
  };
}

/** Why this collector has no per-connection byte counts, in one line. */
export function noCountersReason(platform: string): string {
  if (platform === 'win32')
    return 'per-connection byte counts on Windows need an administrator (extended TCP statistics); Sockeye does not read them';
  if (platform === 'darwin')
    return 'per-connection byte counts are not read on macOS (nettop could give per-process counts; not wired up yet)';
  return 'the systeminformation collector has no per-socket byte counters (the procfs collector reads them on Linux)';
}

/** ss's Unix lines as raw sockets (ss says ESTAB; the model spells states out). */
export function unixFromSs(lines: SsUnixLine[]): RawUnixSocket[] {
  const states: Record<string, UnixState> = {
    LISTEN: 'LISTEN',
    ESTAB: 'ESTABLISHED',
    UNCONN: 'UNCONN',
    'SYN-SENT': 'CONNECTING',
    CLOSE: 'DISCONNECTING',
  };
  return lines.map((l) => ({
    type: l.type,
    state: states[l.state] ?? (l.peerInode !== null ? 'ESTABLISHED' : 'UNCONN'),
    path: l.path,
    inode: l.inode,
    peerInode: l.peerInode,
    pid: l.pids[0] ?? null,
    pids: l.pids,
  }));
}
