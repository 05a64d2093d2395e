import type { Process, Socket } from '../../../common/model/model';
import { endpointText } from '../../../common/text/endpointText';
import { holdersText, unownedWords } from '../../../common/text/ownerWords';

/** The process column's text: every holder as "label (pid)", or the one name for no visible owner. */
export function ownerText(s: Socket, procs: Map<number, Process>, privileged: boolean): string {
  return holdersText(s, procs, privileged);
}

/** The explanation shown as the process cell's tooltip when there is no visible owner, else null. */
export function ownerWhy(s: Socket, privileged: boolean): string | null {
  return s.pid === null ? unownedWords(s, privileged).why : null;
}

/** An endpoint as the UI writes it: a missing address is a dash. */
export const endpoint = (address: string | null, port: number | null): string =>
  endpointText(address, port, { missing: '—' });
