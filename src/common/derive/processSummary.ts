/**
 * Per-process figures for the Processes view: listening ports and connection counts.
 */
import { isListening } from './listening';
import type { Process, Snapshot, Socket } from '../model/model';
import { socketHolders } from './holders';
import { HIDDEN, processText } from '../text/ownerWords';

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
  for (const s of snapshot.sockets) for (const pid of socketHolders(s)) count(s, byPid.get(pid));
  for (const p of byPid.values()) p.listening.sort((a, b) => parseInt(a) - parseInt(b));
  return [...byPid.values()];

  function count(s: Socket, p: ProcessSummary | undefined): void {
    if (!p) return;
    p.sockets++;
    if (isListening(s)) {
      const port = `${s.localPort}/${s.protocol}`;
      if (!p.listening.includes(port)) p.listening.push(port);
    } else if (s.remoteAddress !== null) {
      if (s.side === 'server') p.inbound++;
      else if (s.side === 'client') p.outbound++;
    }
  }
}

/** A socket owner as people read it: "label (pid)", "pid N" when the snapshot lacks the process. */
export function ownerLabel(pid: number | null, procs: ReadonlyMap<number, Process>, hidden = HIDDEN): string {
  if (pid === null) return hidden;
  return processText(pid, procs);
}
