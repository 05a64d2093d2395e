/**
 * Listening sockets and how far they reach.
 */
import type { Socket } from '../../model/model';
import { exposureOf, isExposed, type Exposure } from '../../derive/exposure';

/** Widest first: a process exposed on two listeners is shown with the wider verdict. */
const REACH_ORDER: Exposure[] = ['public', 'all interfaces', 'private network', 'multicast group', 'other'];

/** The widest exposure of some listeners beyond this machine, or null when all stay on this machine. */
export function widestExposure(listeners: readonly Pick<Socket, 'localScope'>[]): Exposure | null {
  let best: Exposure | null = null;
  for (const l of listeners) {
    if (!isExposed(l.localScope)) continue;
    const e = exposureOf(l.localScope);
    if (best === null || REACH_ORDER.indexOf(e) < REACH_ORDER.indexOf(best)) best = e;
  }
  return best;
}
