/**
 * Every process holding a socket. Snapshots since `pids` existed list them all; older files (and
 * sockets made by hand) have only `pid`, which then is the one holder.
 */
const NONE: readonly number[] = Object.freeze([]);
const single = new Map<number, readonly number[]>();

interface Held {
  pid: number | null;
  pids?: readonly number[] | undefined;
}

/** The holders of `s`, ascending; empty when the owner is hidden or there is none (TIME_WAIT). */
export function socketHolders(s: Held): readonly number[] {
  if (s.pids && s.pids.length > 0) return s.pids;
  if (s.pid === null) return NONE;
  return singleHolder(s.pid);
}

/**
 * `[pid]`, one shared frozen array per pid: 20,000 sockets of a few processes need not make
 * 20,000 arrays (fresh memory costs milliseconds per megabyte on the benchmark machine).
 */
export function singleHolder(pid: number): readonly number[] {
  let a = single.get(pid);
  if (!a) {
    if (single.size > 100_000) single.clear();
    single.set(pid, (a = Object.freeze([pid])));
  }
  return a;
}

/** Whether `pid` holds `s`. */
export function holds(s: Held, pid: number): boolean {
  if (s.pids && s.pids.length > 1) return s.pids.includes(pid);
  return s.pid === pid;
}
