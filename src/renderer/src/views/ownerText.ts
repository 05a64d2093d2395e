import type { Process, Socket } from '../../../shared/model';
import { hiddenOwnerReason } from '../../../shared/processSummary';

/** The process column's text: "label (pid)", or why there is no owner. */
export function ownerText(s: Socket, procs: Map<number, Process>, privileged: boolean): string {
  if (s.pid === null) return hiddenOwnerReason(s.state, privileged);
  const p = procs.get(s.pid);
  return p ? `${p.label} (${s.pid})` : `pid ${s.pid}`;
}

export function endpoint(address: string | null, port: number | null): string {
  if (address === null) return '—';
  return `${address.includes(':') ? `[${address}]` : address}:${port ?? '*'}`;
}
