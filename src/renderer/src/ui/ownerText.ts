import type { Process, Socket } from '../../../common/model/model';
import { endpointText } from '../../../common/text/endpointText';
import { hiddenOwnerReason, ownerLabel } from '../../../common/derive/processSummary';

/** The process column's text: "label (pid)", or why there is no owner. */
export function ownerText(s: Socket, procs: Map<number, Process>, privileged: boolean): string {
  return s.pid === null ? hiddenOwnerReason(s.state, privileged) : ownerLabel(s.pid, procs);
}

/** An endpoint as the UI writes it: a missing address is a dash. */
export const endpoint = (address: string | null, port: number | null): string =>
  endpointText(address, port, { missing: '—' });
