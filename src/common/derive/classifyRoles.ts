import type { Role, Side } from '../model/model';
import { socketHolders } from './holders';

/** A process's role from the sides of its sockets (every holder of a shared socket): server, client, both, or none. */
export function classifyRoles(
  sockets: ReadonlyArray<{ pid: number | null; pids?: readonly number[]; side: Side | null }>,
): Map<number, Role> {
  const flags = new Map<number, number>(); // bit 1: serves, bit 2: is a client
  // Indexed loops: this runs over every socket of every live tick, and for-of here left an
  // iterator result per socket in the young generation (see socketReuse.ts on why that costs).
  for (let i = 0; i < sockets.length; i++) {
    const s = sockets[i]!;
    if (s.pid === null || s.side === null) continue;
    const bit = s.side === 'server' ? 1 : 2;
    const holders = socketHolders(s);
    for (let j = 0; j < holders.length; j++) flags.set(holders[j]!, (flags.get(holders[j]!) ?? 0) | bit);
  }
  const roles = new Map<number, Role>();
  for (const [pid, f] of flags) roles.set(pid, f === 3 ? 'both' : f === 1 ? 'server' : 'client');
  return roles;
}
