/**
 * The order of a snapshot's sockets: by protocol, family, local port, local address, remote end,
 * owner (code-unit order, not locale: it is fast). It sorts by exactly the fields of a socket's
 * identity (snapshotDelta.ts), so sockets of the same identity are next to each other.
 */
import type { Socket } from '../model/model';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Below 0 when `a` comes first, 0 when both have the same identity. */
export function compareSockets(a: Socket, b: Socket): number {
  return (
    cmp(a.protocol, b.protocol) ||
    cmp(a.family, b.family) ||
    a.localPort - b.localPort ||
    cmp(a.localAddress, b.localAddress) ||
    cmp(a.remoteAddress ?? '', b.remoteAddress ?? '') ||
    (a.remotePort ?? -1) - (b.remotePort ?? -1) ||
    (a.pid ?? -1) - (b.pid ?? -1)
  );
}
