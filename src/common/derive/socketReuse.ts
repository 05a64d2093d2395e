/**
 * The previous assembly's sockets by kernel inode, so that a socket which would be derived exactly
 * as last time is last time's object rather than a fresh copy (ADR 0026). On a live tick most of
 * 20,000 sockets are idle: copying them made ~9 MB of objects a tick that all lived a whole tick,
 * so every young-generation collection had to copy them and the old generation then had to mark
 * and sweep them — the larger part of the tick's collection work, on both cores. A reused object is
 * already old and costs neither. It also makes the next delta's comparison an identity check.
 *
 * Sound because nothing mutates a Socket once assembled (the snapshot is read, diffed, written),
 * and because `unchanged` below compares every input deriveSocket reads; the scopes and the port
 * class are pure functions of the compared addresses and ports.
 */
import type { RawSocket } from '../model/collected';
import type { Socket } from '../model/model';
import { NumberIndex } from './numberIndex';
import { socketHolders } from './holders';

/** A collected row that names its kernel socket (procfs and sock_diag rows do; 0: none, e.g. TIME_WAIT). */
type Inoded = RawSocket & { inode?: number };

export class SocketReuse {
  private byInode: NumberIndex | null = null;
  private previous: Socket[] = [];
  private counting = false;

  /** Last assembly's socket for this row's inode, if the last assembly counted traffic as this one does. */
  previousOf(s: Inoded, counting: boolean): Socket | undefined {
    if (!this.byInode || counting !== this.counting || !s.inode) return undefined;
    const i = this.byInode.get(s.inode);
    return i === -1 ? undefined : this.previous[i];
  }

  /**
   * After an assembly: `derived[i]` is the socket of `rows[i]` (before sorting). An inode listed
   * twice in one table (a socket seen twice by a dump that is not atomic) is not reused: two rows
   * must never come back as one object, which pairing and the history tell apart by identity.
   */
  remember(rows: readonly Inoded[], derived: readonly Socket[], counting: boolean): void {
    let n = 0;
    for (let i = 0; i < rows.length; i++) if (rows[i]!.inode) n++;
    const index = new NumberIndex(n);
    const twice = derived.length; // an index past the end: previousOf finds nothing there
    for (let i = 0; i < rows.length; i++) {
      const inode = rows[i]!.inode;
      if (inode && index.set(inode, i) !== -1) index.set(inode, twice);
    }
    this.byInode = n > 0 ? index : null;
    this.previous = n > 0 ? derived.slice() : [];
    this.counting = counting;
  }
}

function sameHolders(a: readonly number[] | undefined, b: readonly number[]): boolean {
  if (a === b) return true;
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether `p` is what deriveSocket would make of row `s` with this side, apart from the service
 * fields (compared by the caller, which knows the tick's service namer).
 */
export function unchanged(p: Socket, s: RawSocket, side: Socket['side'], counting: boolean): boolean {
  if (
    p.state !== s.state ||
    p.side !== side ||
    p.pid !== s.pid ||
    p.uid !== s.uid ||
    p.localPort !== s.localPort ||
    p.remotePort !== s.remotePort ||
    p.localAddress !== s.localAddress ||
    p.remoteAddress !== s.remoteAddress ||
    p.protocol !== s.protocol ||
    p.family !== s.family ||
    p.recvQ !== s.recvQ ||
    (s.recvQ !== undefined && p.sendQ !== (s.sendQ ?? 0)) ||
    (p.netns ?? null) !== (s.netns ?? null) ||
    p.user !== (s.user != null && s.pid === null ? s.user : undefined) ||
    !sameHolders(p.pids, socketHolders(s))
  )
    return false;
  return (
    !counting ||
    (p.bytesSent === (s.bytesSent ?? null) &&
      p.bytesReceived === (s.bytesReceived ?? null) &&
      p.bytesRetransmitted === (s.bytesRetransmitted ?? null) &&
      p.rttMs === (s.rttMs ?? null) &&
      p.sendRate === (s.sendRate ?? null) &&
      p.receiveRate === (s.receiveRate ?? null))
  );
}
