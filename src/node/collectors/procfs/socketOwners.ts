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
 *
 * Listing a big fd table is itself the cost (two processes of 10,000 sockets: ~20 ms a refresh,
 * 20,000 fresh strings). Linux ≥ 6.2 reports a process's count of open fds as the size of its
 * /proc/<pid>/fd, one stat; a pid whose count is unchanged keeps its cached list unread. That
 * widens the blind spot above only to the same kind of case (an fd closed and another opened
 * between two refreshes): a new socket is still an unknown inode and forces the full rescan, and
 * the full scan every `FULL_SCAN_EVERY` refreshes reads every list. Where the size reads 0 (older
 * kernels), every list is read as before.
 */
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { NumberIndex } from '../../../common/derive/numberIndex';

const FULL_SCAN_EVERY = 30;

interface PidFds {
  /** fd names joined, to see at a glance whether the list changed. */
  fdKey: string;
  /** Open fds as /proc/<pid>/fd's size said when the list was read (0: not reported). */
  openFds: number;
  fds: string[];
  /** Socket inode of fds[i] (0: not a socket, -1: closed before we could read it). Arrays, not a Map: 20,000 of them per snapshot. */
  inodes: Float64Array;
}

export interface OwnerScan {
  /** inode → lowest pid holding it (shared sockets: parent before forked workers); -1 for none. */
  owners: NumberIndex;
  /**
   * inode → every pid holding it, ascending, for the few sockets held by more than one process
   * (a listener inherited across fork(): nginx, Apache, gunicorn, PostgreSQL). A Map is fine
   * here: such sockets number in the tens, not the thousands.
   */
  shared: Map<number, number[]>;
  /** pids whose fd table we could not read (other users' processes without privilege, PID 1 here). */
  unreadablePids: number;
  /** pids seen in /proc. */
  pids: number[];
}

/** Socket inode of each fd link path (0: not a socket, -1: the fd is gone); see procfsHelperThread.ts. */
export type LinkResolver = (paths: string[]) => Float64Array | Promise<Float64Array>;

/** Socket inodes of this snapshot's table rows (0: a row with no socket, e.g. TIME_WAIT). */
export type WantedInodes = ArrayLike<number>;

/** Resolves links one by one on this thread. */
export const resolveLinksHere: LinkResolver = (paths) => {
  const out = new Float64Array(paths.length);
  for (let i = 0; i < paths.length; i++) out[i] = linkInode(paths[i]!);
  return out;
};

function linkInode(path: string): number {
  let target: string;
  try {
    target = readlinkSync(path);
  } catch {
    return -1; // closed between readdir and readlink
  }
  // "socket:[12345]"
  return target.startsWith('socket:[') ? Number(target.slice(8, -1)) || 0 : 0;
}

/** One pass's fd listing: what the cache already knows and which links still need reading. */
interface Listing {
  pids: number[];
  unreadablePids: number;
  entries: { pid: number; entry: PidFds }[];
  /** Paths of links to read, and where each result goes (entry's inodes, index). */
  paths: string[];
  targetInodes: Float64Array[];
  targetIndex: number[];
}

export class SocketOwnerCache {
  private byPid = new Map<number, PidFds>();
  private scans = 0;

  /**
   * Scan /proc on this thread. `wanted` are the socket inodes in this snapshot's tables; if any
   * of them is not found through the cache, a full re-read runs once to find it.
   */
  scan(wanted: WantedInodes, procRoot = '/proc'): OwnerScan {
    const full = this.scans++ % FULL_SCAN_EVERY === 0;
    const listing = this.list(procRoot, full);
    const first = { ...this.apply(listing, resolveLinksHere(listing.paths) as Float64Array), full };
    if (!first.full && hasUnknown(wanted, first.owners, this.lastUnknown)) {
      const again = this.list(procRoot, true);
      return this.settle(wanted, this.apply(again, resolveLinksHere(again.paths) as Float64Array));
    }
    return this.settle(wanted, first);
  }

  /** First pass, before the socket tables are known (so it can overlap reading them). */
  async begin(resolve: LinkResolver, procRoot = '/proc'): Promise<OwnerScan & { full: boolean }> {
    const full = this.scans++ % FULL_SCAN_EVERY === 0;
    const listing = this.list(procRoot, full);
    return { ...this.apply(listing, await resolve(listing.paths)), full };
  }

  /** Second step once `wanted` is known: a full re-read if a socket's owner was not found through the cache. */
  async finish(
    wanted: WantedInodes,
    first: OwnerScan & { full: boolean },
    resolve: LinkResolver,
    procRoot = '/proc',
  ): Promise<OwnerScan> {
    if (first.full || !hasUnknown(wanted, first.owners, this.lastUnknown)) return this.settle(wanted, first);
    const listing = this.list(procRoot, true);
    return this.settle(wanted, this.apply(listing, await resolve(listing.paths)));
  }

  private settle(wanted: WantedInodes, result: OwnerScan): OwnerScan {
    this.lastUnknown = unknownInodes(wanted, result.owners);
    return result;
  }

  /** Inodes a full scan could not attribute (their holders are unreadable); not worth rescanning for. */
  private lastUnknown = new Set<number>();

  private list(procRoot: string, full: boolean): Listing {
    const listing: Listing = { pids: [], unreadablePids: 0, entries: [], paths: [], targetInodes: [], targetIndex: [] };
    for (const name of readdirSync(procRoot)) {
      const c = name.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      listing.pids.push(pid);
      const dir = `${procRoot}/${name}/fd`;
      const cachedEntry = full ? undefined : this.byPid.get(pid);
      const openFds = openFdCount(dir);
      if (cachedEntry && openFds > 0 && cachedEntry.openFds === openFds) {
        listing.entries.push({ pid, entry: cachedEntry }); // same count: the list is taken as read
        continue;
      }
      let fds: string[];
      try {
        fds = readdirSync(dir);
      } catch {
        // EACCES (another user's process) or ENOENT (it exited): its sockets stay unmapped.
        listing.unreadablePids++;
        continue;
      }
      const fdKey = fds.join(',');
      const cached = cachedEntry;
      if (cached && cached.fdKey === fdKey) {
        listing.entries.push({ pid, entry: { ...cached, openFds } });
        continue;
      }
      const inodes = new Float64Array(fds.length);
      // Some fds changed: keep what we know of the others.
      const known = cached ? new Map(cached.fds.map((fd, i) => [fd, cached.inodes[i]!])) : null;
      for (let i = 0; i < fds.length; i++) {
        const inode = known?.get(fds[i]!);
        if (inode !== undefined && inode >= 0) inodes[i] = inode;
        else {
          listing.paths.push(`${dir}/${fds[i]}`);
          listing.targetInodes.push(inodes);
          listing.targetIndex.push(i);
        }
      }
      listing.entries.push({ pid, entry: { fdKey, openFds, fds, inodes } });
    }
    return listing;
  }

  private apply(listing: Listing, inodes: Float64Array): OwnerScan {
    const { targetInodes, targetIndex } = listing;
    for (let i = 0; i < targetIndex.length; i++) targetInodes[i]![targetIndex[i]!] = inodes[i]!;
    // Indexed loops over the typed arrays: 20,000 inodes a tick, and for-of over them left an
    // iterator result per inode in the young generation.
    let sockets = 0;
    for (const { entry } of listing.entries) {
      const inodes = entry.inodes;
      for (let i = 0; i < inodes.length; i++) if (inodes[i]! > 0) sockets++;
    }
    const owners = new NumberIndex(sockets);
    const shared = new Map<number, number[]>();
    const next = new Map<number, PidFds>();
    for (const { pid, entry } of listing.entries) {
      next.set(pid, entry);
      const inodes = entry.inodes;
      for (let i = 0; i < inodes.length; i++) {
        const inode = inodes[i]!;
        if (inode <= 0) continue;
        const prev = owners.set(inode, pid);
        if (prev === -1 || prev === pid) continue; // first holder, or the same socket on two fds
        if (prev < pid) owners.set(inode, prev);
        const all = shared.get(inode);
        if (!all) shared.set(inode, [prev, pid]);
        else if (!all.includes(pid)) all.push(pid);
      }
    }
    for (const all of shared.values()) all.sort((a, b) => a - b);
    this.byPid = next;
    return { owners, shared, unreadablePids: listing.unreadablePids, pids: listing.pids };
  }
}

/** Open fds of the process whose fd folder is `dir`, from its size (Linux ≥ 6.2); 0 when not known. */
function openFdCount(dir: string): number {
  try {
    return statSync(dir).size;
  } catch {
    return 0;
  }
}

function unknownInodes(wanted: WantedInodes, owners: NumberIndex): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < wanted.length; i++) {
    const inode = wanted[i]!;
    if (inode !== 0 && !owners.has(inode)) out.add(inode);
  }
  return out;
}

function hasUnknown(wanted: WantedInodes, owners: NumberIndex, knownUnknown: Set<number>): boolean {
  for (let i = 0; i < wanted.length; i++) {
    const inode = wanted[i]!;
    if (inode !== 0 && !owners.has(inode) && !knownUnknown.has(inode)) return true;
  }
  return false;
}
