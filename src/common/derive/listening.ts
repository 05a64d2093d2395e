import type { Socket } from '../model/model';

/** A socket that waits for peers: a TCP listener, or an unconnected UDP socket that serves a port. */
export function isListening(s: Pick<Socket, 'state' | 'protocol' | 'remoteAddress' | 'side'>): boolean {
  return s.state === 'LISTEN' || (s.protocol === 'udp' && s.remoteAddress === null && s.side === 'server');
}
