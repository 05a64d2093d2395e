import type { Process, Socket } from '../../../shared/model';
import { endpointText } from '../../../shared/endpointText';
import { holdersText, unownedWords } from '../../../shared/ownerWords';

/** The process column's text: every holder as "label (pid)", or the one name for no visible owner. */
export function ownerText(s: Socket, procs: Map<number, Process>, privileged: boolean): string {
  return holdersText(s, procs, privileged);
}

/** The explanation shown as the process cell's tooltip when there is no visible owner, else null. */
export function ownerWhy(s: Socket, privileged: boolean): string | null {
  return s.pid === null ? unownedWords(s, privileged).why : null;
}

export function endpoint(address: string | null, port: number | null): string {
  if (address === null) return '—';
  return endpointText(address, port);
}
