/**
 * Per-process figures for the Processes view: listening ports and connection counts.
 */
import { isListening } from './listening';
import type { Process, Snapshot } from '../model/model';

export interface ProcessSummary extends Process {
  listening: string[];
  inbound: number;
  outbound: number;
  sockets: number;
}

/** Every process of the snapshot with its listening ports and inbound/outbound connection counts. */
export function summarizeProcesses(snapshot: Snapshot): ProcessSummary[] {
  const byPid = new Map<number, ProcessSummary>();
  for (const p of snapshot.processes) byPid.set(p.pid, { ...p, listening: [], inbound: 0, outbound: 0, sockets: 0 });
  for (const s of snapshot.sockets) {
    const p = s.pid === null ? undefined : byPid.get(s.pid);
    if (!p) continue;
    p.sockets++;
    if (isListening(s)) {
      const port = `${s.localPort}/${s.protocol}`;
      if (!p.listening.includes(port)) p.listening.push(port);
    } else if (s.remoteAddress !== null) {
      if (s.side === 'server') p.inbound++;
      else if (s.side === 'client') p.outbound++;
    }
  }
  for (const p of byPid.values()) p.listening.sort((a, b) => parseInt(a) - parseInt(b));
  return [...byPid.values()];
}

/** A socket owner as people read it: "label (pid)", "pid N" when the snapshot lacks the process. */
export function ownerLabel(pid: number | null, procs: ReadonlyMap<number, Process>, hidden = 'owner hidden'): string {
  if (pid === null) return hidden;
  const p = procs.get(pid);
  return p ? `${p.label} (${pid})` : `pid ${pid}`;
}

/** Why a socket has no owner, in words a user can act on. */
export function hiddenOwnerReason(state: string | null, privileged: boolean): string {
  if (state === 'TIME_WAIT') return 'none — closing connection (TIME_WAIT sockets have no owner)';
  if (!privileged) return "hidden — another user's process (run elevated to see it)";
  return 'hidden — the OS would not say (even elevated)';
}
