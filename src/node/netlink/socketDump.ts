/**
 * The socket table from sock_diag: every TCP and UDP socket of both families, in four dumps,
 * with TCP byte counters. The same rows /proc/net/{tcp,tcp6,udp,udp6} gives (same states, same
 * address text), measured faster to get (see docs/adr/0020-traffic-from-sock-diag.md).
 */
import type { Protocol } from '../../common/model/model';
import { NETLINK_SOCK_DIAG, type NetlinkAddon } from './netlinkAddon';
import {
  AF_INET,
  AF_INET6,
  ALL_STATES,
  decodeInetDiag,
  inetDiagDumpRequest,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_STATES_LIKE_PROCFS,
  type DiagEntry,
} from './inetDiag';

const DUMPS: ReadonlyArray<[number, number, Protocol]> = [
  [AF_INET, IPPROTO_TCP, 'tcp'],
  [AF_INET6, IPPROTO_TCP, 'tcp'],
  [AF_INET, IPPROTO_UDP, 'udp'],
  [AF_INET6, IPPROTO_UDP, 'udp'],
];

/** Where dumps land, kept between dumps (the decoded rows keep no reference to it). */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

/** All TCP and UDP sockets; `withInfo`: TCP rows carry tcp_info counters. Throws on a failed dump. */
export function dumpInetSockets(
  addon: NetlinkAddon,
  withInfo: boolean,
  protocols: Protocol[] = ['tcp', 'udp'],
): DiagEntry[] {
  const rows: DiagEntry[] = [];
  for (const [family, proto, protocol] of DUMPS) {
    if (!protocols.includes(protocol)) continue;
    const states = protocol === 'tcp' ? TCP_STATES_LIKE_PROCFS : ALL_STATES;
    try {
      const reply = addon.request(
        NETLINK_SOCK_DIAG,
        inetDiagDumpRequest(family, proto, states, withInfo && protocol === 'tcp'),
        scratch,
      );
      if (typeof reply === 'number') decodeInetDiag(scratch.subarray(0, reply), protocol, rows);
      else {
        decodeInetDiag(reply, protocol, rows);
        // Next time the replies fit: one buffer kept, not megabytes of fresh memory per dump.
        scratch = Buffer.allocUnsafeSlow(Math.ceil(reply.length * 1.5));
      }
    } catch (err) {
      // A kernel without IPv6 answers the AF_INET6 dump with an error: no IPv6 sockets, not a failure.
      if (family === AF_INET6 && [2, 97].includes((err as { errno?: number }).errno ?? 0) /* ENOENT, EAFNOSUPPORT */)
        continue;
      throw err;
    }
  }
  return rows;
}
