import type { Role, Side } from '../model/model';

/** A process's role from the sides of its sockets: server, client, both, or none. */
export function classifyRoles(sockets: ReadonlyArray<{ pid: number | null; side: Side | null }>): Map<number, Role> {
  const flags = new Map<number, number>(); // bit 1: serves, bit 2: is a client
  for (const s of sockets) {
    if (s.pid === null || s.side === null) continue;
    flags.set(s.pid, (flags.get(s.pid) ?? 0) | (s.side === 'server' ? 1 : 2));
  }
  const roles = new Map<number, Role>();
  for (const [pid, f] of flags) roles.set(pid, f === 3 ? 'both' : f === 1 ? 'server' : 'client');
  return roles;
}
