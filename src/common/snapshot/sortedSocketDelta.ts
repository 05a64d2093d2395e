/**
 * The sockets part of a delta by walking two sorted socket lists side by side (a merge join),
 * instead of building a string key for every socket of both snapshots and a 20,000-entry Map to
 * look them up in: at ~20k sockets that took 35–65 ms of every live tick (keys and hashing, and
 * the garbage they leave), the walk takes a few (see docs/adr/0022-sorted-merge-live-delta.md).
 * Snapshots made by assembleSnapshot are sorted by `compareSockets`, which orders by exactly the
 * fields of a socket's identity, so sockets of one identity sit together and the k-th of them in
 * one list meets the k-th in the other, as `key#k` does in the keyed path. Keys are written only
 * for the sockets that are removed or updated. Lists that are not sorted (a delta applied in the
 * renderer puts new sockets last; a hand-made file) give null, and the caller takes the keyed path.
 */
import { compareSockets } from '../derive/socketOrder';
import type { Socket } from '../model/model';

export interface SocketChanges {
  removed: string[];
  added: Socket[];
  updated: { key: string; socket: Socket }[];
}

/** True when `list` is in `compareSockets` order. */
function isSorted(list: readonly Socket[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareSockets(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/** The key `socketKeys` gives the socket at `i`: its identity, `#n` for the n-th of that identity (n > 0). */
function keyAt(list: readonly Socket[], i: number, identity: (s: Socket) => string): string {
  let n = 0;
  while (i - n > 0 && compareSockets(list[i - n - 1]!, list[i]!) === 0) n++;
  const id = identity(list[i]!);
  return n === 0 ? id : `${id}#${n}`;
}

/**
 * What changed from `prev` to `next` when both are sorted, else null. `same` says whether two
 * sockets of the same identity are equal as a delta sees them; `identity` is `socketIdentity`.
 */
export function sortedSocketDelta(
  prev: readonly Socket[],
  next: readonly Socket[],
  same: (a: Socket, b: Socket) => boolean,
  identity: (s: Socket) => string,
): SocketChanges | null {
  if (!isSorted(prev) || !isSorted(next)) return null;
  const out: SocketChanges = { removed: [], added: [], updated: [] };
  let i = 0;
  let j = 0;
  while (i < prev.length && j < next.length) {
    const c = compareSockets(prev[i]!, next[j]!);
    if (c < 0) out.removed.push(keyAt(prev, i++, identity));
    else if (c > 0) out.added.push(next[j++]!);
    else {
      if (!same(prev[i]!, next[j]!)) out.updated.push({ key: keyAt(next, j, identity), socket: next[j]! });
      i++;
      j++;
    }
  }
  while (i < prev.length) out.removed.push(keyAt(prev, i++, identity));
  while (j < next.length) out.added.push(next[j++]!);
  return out;
}
