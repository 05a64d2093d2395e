/**
 * Maps socket inodes to the pids that hold them by reading /proc/<pid>/fd links — the only
 * way Linux tells (ss -p does the same). Reading every fd link once per pid is the floor for
 * a cold scan; a live refresh reuses what it learned: a pid whose fd list and start time are
 * unchanged keeps its links, and only new fd numbers are read again.
 *
 * Known blind spot of the cache, by design: an fd number closed and reopened between two
 * refreshes with the same fd list. If the reopened fd is a new socket, its inode is unknown,
 * which forces a full rescan (see `unknownInodes`), so the only case left is a socket that
 * moved to another process while the old holder reused the fd number — it is fixed by the
 * next full scan (every `FULL_SCAN_EVERY` refreshes).
 */
import { readdirSync, readlinkSync } from 'node:fs';

const FULL_SCAN_EVERY = 30;

interface PidFds {
  /** fd names joined, to see at a glance whether the list changed. */
  fdKey: string;
  /** fd name → socket inode (0 for non-socket fds). */
  links: Map<string, number>;
}

export interface OwnerScan {
  /** inode → lowest pid holding it (shared sockets: parent before forked workers). */
  owners: Map<number, number>;
  /** pids whose fd table we could not read (other users' processes without privilege, PID 1 here). */
  unreadablePids: number;
  /** pids seen in /proc. */
  pids: number[];
}

export class SocketOwnerCache {
  private byPid = new Map<number, PidFds>();
  private scans = 0;

  /**
   * Scan /proc. `wanted` are the socket inodes in this snapshot's tables; if any of them is not
   * found through the cache, a full re-read runs once to find it.
   */
  scan(wanted: ReadonlySet<number>, procRoot = '/proc'): OwnerScan {
    return this.finish(wanted, this.begin(procRoot), procRoot);
  }

  /** First pass, before the socket tables are known (so it can overlap reading them). */
  begin(procRoot = '/proc'): OwnerScan & { full: boolean } {
    const full = this.scans++ % FULL_SCAN_EVERY === 0;
    return { ...this.pass(procRoot, full), full };
  }

  /** Second step once `wanted` is known: a full re-read if a socket's owner was not found through the cache. */
  finish(wanted: ReadonlySet<number>, first: OwnerScan & { full: boolean }, procRoot = '/proc'): OwnerScan {
    let result: OwnerScan = first;
    if (!first.full && hasUnknown(wanted, first.owners, this.lastUnknown)) result = this.pass(procRoot, true);
    this.lastUnknown = unknownInodes(wanted, result.owners);
    return result;
  }

  /** Inodes a full scan could not attribute (their holders are unreadable); not worth rescanning for. */
  private lastUnknown = new Set<number>();

  private pass(procRoot: string, full: boolean): OwnerScan {
    const owners = new Map<number, number>();
    const pids: number[] = [];
    let unreadablePids = 0;
    const next = new Map<number, PidFds>();
    for (const name of readdirSync(procRoot)) {
      const c = name.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      pids.push(pid);
      const dir = `${procRoot}/${name}/fd`;
      let fds: string[];
      try {
        fds = readdirSync(dir);
      } catch {
        // EACCES (another user's process) or ENOENT (it exited): its sockets stay unmapped.
        unreadablePids++;
        continue;
      }
      const fdKey = fds.join(',');
      const cached = full ? undefined : this.byPid.get(pid);
      const entry: PidFds = cached && cached.fdKey === fdKey ? cached : readLinks(dir, fds, cached);
      next.set(pid, entry);
      for (const inode of entry.links.values()) {
        if (inode === 0) continue;
        const prev = owners.get(inode);
        if (prev === undefined || pid < prev) owners.set(inode, pid);
      }
    }
    this.byPid = next;
    return { owners, unreadablePids, pids };
  }
}

function readLinks(dir: string, fds: string[], previous: PidFds | undefined): PidFds {
  const links = new Map<string, number>();
  for (const fd of fds) {
    const known = previous?.links.get(fd);
    if (known !== undefined) {
      links.set(fd, known);
      continue;
    }
    let target: string;
    try {
      target = readlinkSync(`${dir}/${fd}`);
    } catch {
      continue; // closed between readdir and readlink
    }
    // "socket:[12345]"
    links.set(fd, target.startsWith('socket:[') ? Number(target.slice(8, -1)) || 0 : 0);
  }
  return { fdKey: fds.join(','), links };
}

function unknownInodes(wanted: ReadonlySet<number>, owners: Map<number, number>): Set<number> {
  const out = new Set<number>();
  for (const inode of wanted) if (inode !== 0 && !owners.has(inode)) out.add(inode);
  return out;
}

function hasUnknown(wanted: ReadonlySet<number>, owners: Map<number, number>, knownUnknown: Set<number>): boolean {
  for (const inode of wanted) {
    if (inode !== 0 && !owners.has(inode) && !knownUnknown.has(inode)) return true;
  }
  return false;
}
