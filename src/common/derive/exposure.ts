/**
 * Plain-language reach of a listening socket, from its bind address: who could connect to it.
 */
import type { Scope } from '../model/model';

export type Exposure =
  'this machine only' | 'private network' | 'all interfaces' | 'public' | 'multicast group' | 'other';

/** The exposure verdict for a listener bound to an address of `scope`. */
export function exposureOf(scope: Scope): Exposure {
  switch (scope) {
    case 'loopback':
      return 'this machine only';
    case 'unspecified':
      return 'all interfaces';
    case 'private':
    case 'link-local':
    case 'unique-local':
    case 'carrier-grade-nat':
      return 'private network';
    case 'public':
      return 'public';
    case 'multicast':
      return 'multicast group';
    default:
      return 'other';
  }
}

/** Whether a listener can be reached from beyond this machine. */
export function isExposed(scope: Scope): boolean {
  return scope !== 'loopback';
}
