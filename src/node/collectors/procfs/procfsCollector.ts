/**
 * The Linux collector: sockets from /proc/net/{tcp,tcp6,udp,udp6}, owners from /proc/<pid>/fd,
 * process facts from /proc/<pid>/*. One instance keeps what a live refresh can reuse (see
 * socketOwners.ts), so keep it alive between snapshots.
 */
import { existsSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Collected, RawProcess, RawUnixSocket } from '../../../common/model/collected';
import type { NumberIndex } from '../../../common/derive/numberIndex';
import { parseProcNetUnix } from './procNetUnix';
import { parseSsUnix } from '../ss/ssParse';
import { runSs } from '../ss/runSs';
import { unixSides } from '../../../common/derive/unixSockets';
import type { Family, Protocol } from '../../../common/model/model';
import { listInterfaces } from '../interfaces';
import { parseProcNet, type ProcNetEntry } from './procNetParse';
import { readAncestors, readProcessInfo, userName, type StatCache } from './processInfo';
import { readProcText, tryReadProcText } from './readProcFile';
import { resolveLinksHere, SocketOwnerCache, type LinkResolver } from './socketOwners';
import { ProcfsHelperThread, type TableRead } from './procfsHelperThread';
import { loadNetlinkAddon } from '../../netlink/netlinkAddon';
import { dumpInetSockets } from '../../netlink/socketDump';
import { dumpUnixPeers } from '../../netlink/unixDiag';
import type { DiagEntry } from '../../netlink/inetDiag';
import { SocketTraffic } from '../../traffic/socketTraffic';
import { readForeignNamespaces, scanNamespaces } from './netNamespaces';
import { readConntrackTables } from './conntrackTables';
import { nameContainers } from '../../containers/containerNames';

const TABLES: ReadonlyArray<[string, Protocol, Family]> = [
  ['tcp', 'tcp', 'IPv4'],
  ['tcp6', 'tcp', 'IPv6'],
  ['udp', 'udp', 'IPv4'],
  ['udp6', 'udp', 'IPv6'],
];

export interface ProcfsOptions {
  procRoot?: string;
  /** List Unix domain sockets too (default on). */
  unix?: boolean;
  /** Share the work with a helper thread (default on); see procfsHelperThread.ts. */
  helperThread?: boolean;
  /** Read the other network namespaces too (default on; also `SOCKEYE_NETNS=off`). */
  namespaces?: boolean;
  /**
   * Where the socket rows come from: `netlink` (sock_diag, the default where the addon loads)
   * or `procfs` (/proc/net text, the fallback). Also `SOCKEYE_SOCKET_TABLE=procfs`.
   */
  socketTable?: 'netlink' | 'procfs';
}

/** fd links above which a snapshot starts the helper thread (~40 ms to start, on the other core). */
const HELPER_WORTH_STARTING = 4096;

// One helper per thread, shared by every collector in it and kept between snapshots.
let sharedHelper: ProcfsHelperThread | null = null;

export class ProcfsCollector {
  private readonly owners = new SocketOwnerCache();
  private readonly procRoot: string;
  private readonly helper: ProcfsHelperThread | null;
  private readonly traffic: SocketTraffic;
  /** Whether the socket rows come from sock_diag (else /proc/net). */
  readonly netlinkTable: boolean;
  private readonly unix: boolean;
  private readonly namespaces: boolean;
  /** The UNIX_DIAG dump failed once: this collector asks `ss -xa` from then on (said once). */
  private unixDiagFailed = false;

  constructor(options: ProcfsOptions = {}) {
    this.procRoot = options.procRoot ?? '/proc';
    this.namespaces = options.namespaces ?? process.env.SOCKEYE_NETNS !== 'off';
    this.unix = options.unix ?? true;
    this.helper = options.helperThread === false ? null : (sharedHelper ??= new ProcfsHelperThread(readlinkSync));
    // Another /proc (tests' fake trees) has no netlink of its own: read its tables.
    const ownProc = this.procRoot === '/proc';
    const addon = ownProc ? loadNetlinkAddon() : { ok: false as const, reason: `not counted for ${this.procRoot}` };
    this.traffic = new SocketTraffic(addon, this.procRoot);
    const wanted = options.socketTable ?? (process.env.SOCKEYE_SOCKET_TABLE === 'procfs' ? 'procfs' : 'netlink');
    this.netlinkTable = wanted === 'netlink' && addon.ok;
  }

  get socketTableName(): string {
    return this.netlinkTable ? 'sock_diag' : '/proc/net';
  }

  /** The sock_diag dump, or null (with a warning) when it failed: the caller reads /proc/net. */
  private dumpHere(warnings: string[]): DiagEntry[] | null {
    const addon = this.traffic.addon;
    if (!addon) return null;
    try {
      return dumpInetSockets(addon, true);
    } catch (err) {
      warnings.push(`sock_diag dump failed (${(err as Error).message}); read /proc/net instead`);
      return null;
    }
  }

  /**
   * Unix peers (inode → peer inode) from the addon's UNIX_DIAG dump, asked when they are needed;
   * null when there is no addon or the dump failed (then `ss -xa`, spawned at the tick's start).
   */
  private unixPeersHere(warnings: string[]): Map<number, number> | null {
    const addon = this.traffic.addon;
    if (!addon || !this.unix) return null;
    try {
      return dumpUnixPeers(addon);
    } catch (err) {
      if (!this.unixDiagFailed) warnings.push(`UNIX_DIAG dump failed (${(err as Error).message}); asking \`ss -xa\``);
      this.unixDiagFailed = true;
      return null;
    }
  }

  /** The tick's Unix peers: `ss -xa` only where the addon cannot answer (see unixPeersHere). */
  private unixPeersSoon(): Promise<string | null> | null {
    if (!this.unix || (this.traffic.addon && !this.unixDiagFailed)) return null;
    return runSs(['-xaH']);
  }

  /** /proc/net/unix with holders from the fd scan and peers (and state) from UNIX_DIAG or `ss -xa`. */
  private readUnix(
    owners: NumberIndex,
    shared: ReadonlyMap<number, number[]>,
    peers: ReadonlyMap<number, number> | null,
    warnings: string[],
  ): RawUnixSocket[] {
    const text = tryReadProcText(`${this.procRoot}/net/unix`);
    if (text === null) return [];
    const { sockets, malformed } = parseProcNetUnix(text);
    if (malformed > 0) warnings.push(`skipped ${malformed} malformed line(s) in ${this.procRoot}/net/unix`);
    if (peers === null) warnings.push('Unix socket peers unknown: `ss` (iproute2) could not be run');
    for (const u of sockets) {
      const owner = owners.get(u.inode);
      if (owner !== -1) {
        u.pid = owner;
        u.pids = shared.get(u.inode) ?? [owner];
      }
      const peer = peers?.get(u.inode);
      if (peer !== undefined) {
        u.peerInode = peer;
        if (u.state === 'UNCONN') u.state = 'ESTABLISHED'; // a connected datagram socket
      }
    }
    return sockets;
  }

  private readTablesHere(): TableRead[] {
    return TABLES.map(([file]) => {
      const path = `${this.procRoot}/net/${file}`;
      try {
        return { path, text: readProcText(path), error: null, code: null };
      } catch (err) {
        return { path, text: null, error: (err as Error).message, code: (err as NodeJS.ErrnoException).code ?? null };
      }
    });
  }

  private parseTables(reads: TableRead[], warnings: string[]): ProcNetEntry[] {
    const entries: ProcNetEntry[] = [];
    for (let t = 0; t < TABLES.length; t++) {
      const [file, protocol, family] = TABLES[t]!;
      const { text, error, code } = reads[t]!;
      if (text === null) {
        // No IPv6 in this kernel is normal; a missing IPv4 table is not (a partial /proc, a
        // container's mask): every socket it would list is missing from the snapshot.
        if (code !== 'ENOENT') warnings.push(`could not read ${this.procRoot}/net/${file}: ${error}`);
        else if (family === 'IPv4') {
          warnings.push(
            `${this.procRoot}/net/${file} does not exist: this snapshot has no IPv4 ${protocol.toUpperCase()} sockets (is /proc mounted whole?)`,
          );
        }
        continue;
      }
      const parsed = parseProcNet(text, protocol, family);
      for (const e of parsed.entries) entries.push(e);
      if (parsed.malformed > 0) {
        warnings.push(
          `skipped ${parsed.malformed} malformed line(s) in ${this.procRoot}/net/${file}, first: "${parsed.firstMalformed}"`,
        );
      }
    }
    return entries;
  }

  async collect(): Promise<Collected> {
    const warnings: string[] = [];
    // Without the addon, the kernel's Unix peers come through `ss`, asked now so the child runs meanwhile.
    const unixPeers = this.unixPeersSoon();
    // The helper reads the tables while this thread lists fds; both then resolve fd links, and
    // this thread parses the tables between two chunks of links as soon as they arrive. A helper
    // not running yet (a CLI run) is started only for a big fd list: starting a thread costs
    // more than it saves on a small one.
    const helper = this.helper;
    if (this.netlinkTable) return this.collectWithNetlink(warnings, unixPeers);
    const tablePaths = TABLES.map(([file]) => `${this.procRoot}/net/${file}`);
    // A CLI run (helper not started) with many sockets starts it now, so that its ~40–100 ms of
    // start-up and the table reads overlap listing the fds instead of following it.
    let tables = helper && (helper.running || manySockets(this.procRoot)) ? helper.readTables(tablePaths) : undefined;
    let entries: ProcNetEntry[] | null = null;
    const parseIfArrived = () => {
      const reads = entries === null ? tables?.poll() : null;
      if (reads && reads.length === TABLES.length) entries = this.parseTables(reads, warnings);
    };
    const resolve: LinkResolver = (paths) => {
      if (!helper || (!tables && paths.length < HELPER_WORTH_STARTING)) return resolveLinksHere(paths);
      tables ??= helper.readTables(tablePaths);
      return helper.resolveLinks(paths, parseIfArrived);
    };
    let firstScan;
    try {
      firstScan = await this.owners.begin(resolve, this.procRoot);
    } catch (err) {
      // Settle the helper's table read so its thread is not left holding the process open.
      void tables?.wait().catch(() => {});
      throw err;
    }
    if (entries === null) {
      let reads = tables ? await tables.wait() : [];
      if (reads.length !== TABLES.length) reads = this.readTablesHere(); // helper thread unavailable
      entries = this.parseTables(reads, warnings);
    }

    const countersAt = performance.now();
    const counted = this.traffic.addon ? this.dumpCounters(warnings) : null;
    return this.finishCollect(entries, counted, countersAt, firstScan, resolve, warnings, unixPeers);
  }

  /** TCP counters for /proc/net rows, from their own sock_diag dump (joined by inode). */
  private dumpCounters(warnings: string[]): DiagEntry[] | null {
    try {
      return dumpInetSockets(this.traffic.addon!, true, ['tcp']);
    } catch (err) {
      warnings.push(`traffic counters unavailable this time: ${(err as Error).message}`);
      return null;
    }
  }

  private async collectWithNetlink(warnings: string[], unixPeers: Promise<string | null> | null): Promise<Collected> {
    const helper = this.helper;
    const resolve: LinkResolver = (paths) =>
      !helper || paths.length < HELPER_WORTH_STARTING ? resolveLinksHere(paths) : helper.resolveLinks(paths);
    const firstScan = await this.owners.begin(resolve, this.procRoot);
    const at = performance.now();
    const rows = this.dumpHere(warnings);
    if (rows) return this.finishCollect(rows, rows, at, firstScan, resolve, warnings, unixPeers);
    const entries = this.parseTables(this.readTablesHere(), warnings);
    return this.finishCollect(entries, null, at, firstScan, resolve, warnings, unixPeers);
  }

  /** The peers from the addon, else from the `ss -xa` text spawned at the tick's start. */
  private async peersOf(ssRun: Promise<string | null> | null, warnings: string[]): Promise<Map<number, number> | null> {
    const fromAddon = ssRun ? null : this.unixPeersHere(warnings);
    const ssText = fromAddon ? null : await (ssRun ?? runSs(['-xaH']));
    if (fromAddon) return fromAddon;
    if (ssText === null) return null;
    const peers = new Map<number, number>();
    for (const l of parseSsUnix(ssText)) if (l.peerInode !== null) peers.set(l.inode, l.peerInode);
    return peers;
  }

  /** Other network namespaces' rows, read through one of their processes; the host's keep their source. */
  private readNamespaces(pids: readonly number[], entries: ProcNetEntry[], warnings: string[]) {
    const nsScan = this.namespaces ? scanNamespaces(pids, this.procRoot) : null;
    const foreign = nsScan ? readForeignNamespaces(nsScan, this.procRoot, warnings) : null;
    const rows: ProcNetEntry[] = foreign && foreign.entries.length > 0 ? entries.concat(foreign.entries) : entries;
    return { nsScan, foreign, rows };
  }

  private async finishCollect(
    entries: ProcNetEntry[],
    counted: DiagEntry[] | null,
    countersAt: number,
    firstScan: Awaited<ReturnType<SocketOwnerCache['begin']>>,
    resolve: LinkResolver,
    warnings: string[],
    unixPeers: Promise<string | null> | null,
  ): Promise<Collected> {
    const { nsScan, foreign, rows } = this.readNamespaces(firstScan.pids, entries, warnings);
    const wanted = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) wanted[i] = rows[i]!.inode;
    const { owners, shared } = await this.owners.finish(wanted, firstScan, resolve, this.procRoot);
    if (nsScan?.host != null) for (const e of entries) e.netns = nsScan.host;

    const { unmappedSockets, pids } = attributeRows(rows, owners, shared);

    const unixSockets = this.unix
      ? this.readUnix(owners, shared, await this.peersOf(unixPeers, warnings), warnings)
      : undefined;
    if (unixSockets) {
      // Holders of Unix sockets with a side (listeners, and both ends of their connections) take part.
      const sides = unixSides(unixSockets);
      unixSockets.forEach((u, i) => {
        if (sides[i] !== null) for (const p of u.pids) pids.add(p);
      });
    }

    const traffic = this.traffic.sample(entries, counted, owners, countersAt, warnings);

    const processes = readProcesses(pids, this.procRoot, nsScan?.byPid ?? null);
    if (foreign) await nameContainers(processes, foreign.namespaces);
    const conntrack = readConntrackTables(foreign?.namespaces ?? null, nsScan?.host ?? null, this.procRoot, warnings);

    return {
      collector: 'procfs',
      ...(foreign ? { namespaces: foreign.namespaces } : null),
      ...(conntrack.length > 0 ? { conntrack } : null),
      socketTable: counted === entries ? 'sock_diag' : '/proc/net',
      unixSockets,
      hostname: hostname(),
      platform: process.platform,
      privileged: typeof process.getuid === 'function' && process.getuid() === 0,
      sockets: rows,
      processes,
      interfaces: listInterfaces(),
      unmappedSockets,
      warnings,
      traffic,
    };
  }
}

/**
 * Fills each row's holders from the fd scan (and, for another user's socket, its user's name);
 * returns how many sockets no readable process holds and every pid that holds one. The hot loop
 * of the collection, in a small function of its own (see countersWithRates in trafficTracker.ts).
 */
function attributeRows(
  rows: ProcNetEntry[],
  owners: NumberIndex,
  shared: ReadonlyMap<number, number[]>,
): { unmappedSockets: number; pids: Set<number> } {
  let unmappedSockets = 0;
  const uidNames = new Map<number, string>();
  const pids = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const e = rows[i]!;
    const owner = e.inode === 0 ? -1 : owners.get(e.inode);
    if (owner === -1) {
      if (e.inode !== 0) {
        unmappedSockets++;
        // Another user's socket: its uid still names the user (one /etc/passwd read, cached).
        if (e.uid !== null) {
          let name = uidNames.get(e.uid);
          if (name === undefined) uidNames.set(e.uid, (name = userName(e.uid)));
          e.user = name;
        }
      }
      continue;
    }
    e.pid = owner;
    pids.add(owner);
    const all = shared.size > 0 ? shared.get(e.inode) : undefined;
    if (all) {
      e.pids = all;
      for (const p of all) pids.add(p);
    }
  }
  return { unmappedSockets, pids };
}

/** Facts about each pid, with its namespace; one that exited meanwhile keeps a placeholder (its sockets stay). */
function readProcesses(pids: Iterable<number>, procRoot: string, netnsByPid: ReadonlyMap<number, number> | null) {
  const processes: RawProcess[] = [];
  const stats: StatCache = new Map();
  for (const pid of pids) {
    const info = readProcessInfo(pid, procRoot);
    if (info) info.ancestors = readAncestors(info.ppid, stats, procRoot);
    if (info && netnsByPid) info.netns = netnsByPid.get(pid) ?? null;
    processes.push(
      info ?? {
        pid,
        ppid: null,
        name: `pid ${pid} (exited)`,
        path: null,
        cmdline: null,
        cwd: null,
        user: null,
        startedAt: null,
      },
    );
  }
  return processes;
}

/** Whether /proc/net/sockstat counts enough sockets that the helper thread will be worth starting. */
function manySockets(procRoot: string): boolean {
  // "sockets: used 20013" — one small read; unreadable or unparsable: decide later, from the fd list.
  const text = tryReadProcText(`${procRoot}/net/sockstat`);
  const used = text ? /^sockets: used (\d+)/m.exec(text) : null;
  return used !== null && Number(used[1]) >= HELPER_WORTH_STARTING;
}

/** Whether this system has the tables the procfs collector reads. */
export function procfsAvailable(procRoot = '/proc'): boolean {
  // Only whether it exists: reading a 20,000-socket table just to ask would cost ~40 ms.
  // Either TCP table will do: a missing IPv4 one is then reported as a warning, not hidden by a fallback.
  return existsSync(`${procRoot}/net/tcp`) || existsSync(`${procRoot}/net/tcp6`);
}
