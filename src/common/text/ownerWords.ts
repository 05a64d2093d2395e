/**
 * One vocabulary for sockets without a visible owner, used by every view, export and the CLI:
 *   - "no owner (closing)": a TIME_WAIT socket. The process closed it; the kernel keeps the
 *     endpoint a while (2×MSL) so late packets are not taken for a new connection. No process
 *     holds it, on any OS, elevated or not.
 *   - "hidden": some process holds it, but the OS would not say which (another user's process,
 *     without elevation). The owner's user is still known from the socket's uid.
 */
import type { Process, SocketState } from '../model/model';
import { socketHolders } from '../derive/holders';

export const NO_OWNER = 'no owner (closing)';
export const NO_OWNER_WHY =
  'a closed connection in TIME_WAIT: the kernel keeps it a while after its process closed it, so no process owns it';
export const HIDDEN = 'hidden';

interface OwnedSocket {
  pid: number | null;
  pids?: readonly number[];
  state: SocketState | null;
  /** User name of the owner's uid, when the owner is hidden (see model). */
  user?: string | null;
  uid: number | null;
}

/** Whether the socket belongs to no process at all (as opposed to a hidden one). */
export function isOwnerless(s: { pid: number | null; state: SocketState | null }): boolean {
  return s.pid === null && s.state === 'TIME_WAIT';
}

/** "hidden (user redis)", or "hidden" when the uid is unknown. */
export function hiddenShort(s: OwnedSocket): string {
  const user = s.user ?? (s.uid !== null ? String(s.uid) : null);
  return user === null ? HIDDEN : `${HIDDEN} (user ${user})`;
}

/** Why a hidden socket's owner is not shown, in words a user can act on. */
export function hiddenWhy(privileged: boolean): string {
  return privileged
    ? 'the OS would not say which process holds it, even elevated'
    : "another user's process — run elevated to see it";
}

/** The short owner text of a socket without a visible owner, and its explanation. */
export function unownedWords(s: OwnedSocket, privileged: boolean): { short: string; why: string } {
  if (isOwnerless(s)) return { short: NO_OWNER, why: NO_OWNER_WHY };
  return { short: hiddenShort(s), why: hiddenWhy(privileged) };
}

/** "nginx · master (100)", "pid 100" when the snapshot lacks the process. */
export function processText(pid: number, procs: ReadonlyMap<number, Process>): string {
  const p = procs.get(pid);
  return p ? `${p.label} (${pid})` : `pid ${pid}`;
}

/** Every holder as text, joined: "nginx · master (100), nginx · worker (101)"; or the unowned words. */
export function holdersText(s: OwnedSocket, procs: ReadonlyMap<number, Process>, privileged: boolean): string {
  const holders = socketHolders(s);
  if (holders.length === 0) return unownedWords(s, privileged).short;
  return holders.map((pid) => processText(pid, procs)).join(', ');
}
