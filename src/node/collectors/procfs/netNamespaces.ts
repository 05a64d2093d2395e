/**
 * Network namespaces seen through their processes. Every process's /proc/<pid>/ns/net names its
 * namespace by inode; /proc/<pid>/net/* are that namespace's tables, readable by whoever may read
 * the process (no setns, no privilege beyond seeing the pid). The host's namespace — the one
 * this process runs in — keeps its current source (sock_diag, else /proc/net); every other
 * namespace is read once, through the first of its processes whose tables can be read. Why not
 * setns(2) and sock_diag there: docs/adr/0060-network-namespaces-through-proc-pid-net.md.
 */
import { existsSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import type { Container, Family, Namespace, Protocol } from '../../../common/model/model';
import { containerFromCgroup } from '../../../common/containers/cgroupContainer';
import { parseProcNet, type ProcNetEntry } from './procNetParse';
import { tryReadProcText } from './readProcFile';
import { readNamespaceInterfaces } from './netnsInterfaces';

const TABLES: ReadonlyArray<[string, Protocol, Family]> = [
  ['tcp', 'tcp', 'IPv4'],
  ['tcp6', 'tcp', 'IPv6'],
  ['udp', 'udp', 'IPv4'],
  ['udp6', 'udp', 'IPv6'],
];

/** How many of a namespace's processes are asked for their cgroup before it counts as no container's. */
const CGROUP_TRIES = 8;

/** "net:[4026531840]" → 4026531840; null when unreadable (another user's process without privilege, or gone). */
export function netnsOf(pid: number | 'self', procRoot = '/proc'): number | null {
  try {
    const link = readlinkSync(`${procRoot}/${pid}/ns/net`);
    return link.startsWith('net:[') ? Number(link.slice(5, -1)) || null : null;
  } catch {
    return null;
  }
}

/** `ip netns` names by namespace inode: each file in /run/netns is a bind mount of a namespace. */
export function namedNamespaces(dir = '/run/netns'): Map<number, string> {
  const names = new Map<number, string>();
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return names; // no /run/netns: no named namespaces
  }
  for (const name of files) {
    try {
      const ino = statSync(`${dir}/${name}`).ino;
      // An unmounted leftover is a plain empty file on tmpfs: its inode is no namespace's.
      if (!names.has(ino)) names.set(ino, name);
    } catch {
      // removed while listing
    }
  }
  return names;
}

export interface NamespaceScan {
  /** The collector's own namespace (the host's), null when unreadable. */
  host: number | null;
  /** pid → its namespace inode (pids whose link was unreadable are absent). */
  byPid: Map<number, number>;
  /** Namespaces other than the host's, each with its pids ascending. */
  foreign: Map<number, number[]>;
}

/** Which namespace each pid is in (one readlink per pid). */
export function scanNamespaces(pids: readonly number[], procRoot = '/proc'): NamespaceScan {
  const host = netnsOf('self', procRoot);
  const byPid = new Map<number, number>();
  const foreign = new Map<number, number[]>();
  for (const pid of pids) {
    const ns = netnsOf(pid, procRoot);
    if (ns === null) continue;
    byPid.set(pid, ns);
    if (ns === host) continue;
    const list = foreign.get(ns);
    if (list) list.push(pid);
    else foreign.set(ns, [pid]);
  }
  for (const list of foreign.values()) list.sort((a, b) => a - b);
  return { host, byPid, foreign };
}

/** One namespace's socket rows through `pid`, or null when that process's tables cannot be read. */
function readTablesOf(pid: number, netns: number, procRoot: string, warnings: string[]): ProcNetEntry[] | null {
  const entries: ProcNetEntry[] = [];
  let read = 0;
  for (const [file, protocol, family] of TABLES) {
    const path = `${procRoot}/${pid}/net/${file}`;
    const text = tryReadProcText(path);
    if (text === null) continue; // tcp6/udp6 absent without IPv6; a gone process fails them all
    read++;
    const parsed = parseProcNet(text, protocol, family);
    for (const e of parsed.entries) {
      e.netns = netns;
      entries.push(e);
    }
    if (parsed.malformed > 0) warnings.push(`skipped ${parsed.malformed} malformed line(s) in ${path}`);
  }
  return read === 0 ? null : entries;
}

/** The container of the first of `pids` whose cgroup names one. */
function namespaceContainer(pids: readonly number[], procRoot: string): Container | null {
  for (const pid of pids.slice(0, CGROUP_TRIES)) {
    const found = containerFromCgroup(tryReadProcText(`${procRoot}/${pid}/cgroup`, 'utf8'));
    if (found) return found;
  }
  return null;
}

export interface ForeignRead {
  /** Socket rows of every namespace but the host's, each with its `netns`. */
  entries: ProcNetEntry[];
  /** Every namespace seen, the host's first. */
  namespaces: Namespace[];
}

/** Reads every foreign namespace's tables, interfaces, name and container. */
export function readForeignNamespaces(scan: NamespaceScan, procRoot: string, warnings: string[]): ForeignRead {
  const names = procRoot === '/proc' ? namedNamespaces() : new Map<number, string>();
  const entries: ProcNetEntry[] = [];
  const namespaces: Namespace[] = [];
  if (scan.host !== null) {
    let processes = 0;
    for (const ns of scan.byPid.values()) if (ns === scan.host) processes++;
    namespaces.push({
      inode: scan.host,
      host: true,
      name: names.get(scan.host) ?? null,
      container: null,
      pid: null,
      processes,
      interfaces: null, // the snapshot's own `interfaces`
    });
  }
  for (const [inode, pids] of scan.foreign) {
    let through: number | null = null;
    for (const pid of pids) {
      const rows = readTablesOf(pid, inode, procRoot, warnings);
      if (rows === null) continue;
      for (const r of rows) entries.push(r);
      through = pid;
      break;
    }
    if (through === null) {
      // Every process of it gone since the scan: the namespace went with them, nothing to report.
      if (!pids.some((pid) => existsSync(`${procRoot}/${pid}`))) continue;
      warnings.push(`network namespace ${inode}: no process's tables could be read`);
    }
    namespaces.push({
      inode,
      host: false,
      name: names.get(inode) ?? null,
      container: namespaceContainer(pids, procRoot),
      pid: through,
      processes: pids.length,
      interfaces: through === null ? null : readNamespaceInterfaces(through, procRoot),
    });
  }
  return { entries, namespaces };
}
