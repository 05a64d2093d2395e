/**
 * Resolving fd links to socket inodes, shared by the collector's thread and its helper
 * (procfsHelperWorker.ts): both run `claimLinks` over one list, claiming chunks through Atomics
 * on shared memory. done[c]: 0 unclaimed, 1 claimed, 2 finished; ctl[1]: chunks finished.
 */

/** fd link target → socket inode; 0 for anything that is not a socket, -1 when the link is gone. */
export function inodeOf(readlink: (path: string) => string, path: string): number {
  let target: string;
  try {
    target = readlink(path);
  } catch {
    return -1;
  }
  // "socket:[12345]"
  return target.startsWith('socket:[') ? Number(target.slice(8, -1)) || 0 : 0;
}

export interface LinkClaim {
  paths: string[];
  ctl: Int32Array;
  res: Float64Array;
  done: Int32Array;
  chunk: number;
}

/**
 * Claims chunks of `paths` until it meets a chunk already claimed, writing each link's inode into
 * `res`: the collector's thread from the front, the helper from the back. From both ends the two
 * threads read mostly different processes' fds (the list goes pid by pid) instead of taking turns
 * on the same one: measured in C on 20,000 links here, 39–42 ms against 45–46 ms for alternating
 * chunks (the kernel's per-process locks, presumably). `between` runs after each chunk.
 */
export function claimLinks(
  { paths, ctl, res, done, chunk }: LinkClaim,
  fromBack: boolean,
  readlink: (path: string) => string,
  between: (() => void) | null = null,
): void {
  for (let k = 0; k < done.length; k++) {
    const c = fromBack ? done.length - 1 - k : k;
    if (Atomics.compareExchange(done, c, 0, 1) !== 0) return;
    const end = Math.min(paths.length, (c + 1) * chunk);
    for (let i = c * chunk; i < end; i++) res[i] = inodeOf(readlink, paths[i]!);
    Atomics.store(done, c, 2);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
    if (between) between();
  }
}
