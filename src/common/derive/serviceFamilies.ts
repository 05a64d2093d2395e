/**
 * Services: a parent with the children that share its listeners or its executable — nginx's
 * master and workers, sshd's listener and its sessions, PostgreSQL's postmaster and backends.
 * Each member gets `servicePid`, the pid of the process heading the family; a process with no
 * such relative gets none.
 */
import type { Process, Socket } from '../model/model';
import { socketHolders } from './holders';
import { isRuntime } from './processLabel';

/** pid → the pid heading its service, for every process in a family of two or more. */
export function serviceHeads(
  processes: readonly Pick<Process, 'pid' | 'ppid' | 'name' | 'path'>[],
  sockets: readonly Pick<Socket, 'pid' | 'pids'>[],
): Map<number, number> {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  // Pairs of processes holding one socket together (only shared sockets: a few).
  const sharing = new Set<string>();
  for (let i = 0; i < sockets.length; i++) {
    const h = socketHolders(sockets[i]!);
    if (h.length < 2) continue;
    for (const a of h) for (const b of h) if (a !== b) sharing.add(`${a}|${b}`);
  }
  // The same executable as its parent makes a family (sshd and its sessions), except for a generic
  // runtime: a node process starting node children is a launcher (a test runner, a supervisor) running
  // unrelated programs, which only sharing a socket ties together.
  const related = (parent: (typeof processes)[number], child: (typeof processes)[number]) =>
    sharing.has(`${parent.pid}|${child.pid}`) ||
    (parent.path !== null && parent.path === child.path && parent.name === child.name && !isRuntime(parent.name));
  const heads = new Map<number, number>();
  const size = new Map<number, number>();
  for (const p of processes) {
    let head = p;
    const seen = new Set<number>([p.pid]);
    for (;;) {
      const parent = head.ppid === null ? undefined : byPid.get(head.ppid);
      if (!parent || seen.has(parent.pid) || !related(parent, head)) break;
      seen.add(parent.pid);
      head = parent;
    }
    heads.set(p.pid, head.pid);
    size.set(head.pid, (size.get(head.pid) ?? 0) + 1);
  }
  for (const [pid, head] of heads) if ((size.get(head) ?? 0) < 2) heads.delete(pid);
  return heads;
}

/** The members of `servicePid`'s family in `processes`, head first, then by pid. */
export function serviceMembers<P extends Pick<Process, 'pid' | 'servicePid'>>(
  processes: readonly P[],
  servicePid: number,
): P[] {
  return processes
    .filter((p) => p.servicePid === servicePid)
    .sort((a, b) => (a.pid === servicePid ? -1 : b.pid === servicePid ? 1 : a.pid - b.pid));
}
