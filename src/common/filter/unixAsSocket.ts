/**
 * The filter speaks about sockets; a Unix socket is read through it as a socket with protocol
 * `unix`, its path as the local address (the peer's path as the remote one), no ports, no IP
 * scope beyond this machine. So `proto:unix`, `state:listen`, `proc:postgres`, `pid:`, `user:`,
 * `side:` and free text (a path) work on it, and `port:`/`addr:` terms never match it.
 */
import type { Socket, UnixSocket } from '../model/model';

const cache = new WeakMap<UnixSocket, Socket>();

export function unixAsSocket(u: UnixSocket): Socket {
  let s = cache.get(u);
  if (!s) {
    s = {
      protocol: 'unix' as Socket['protocol'],
      family: 'IPv4',
      localAddress: u.path ?? '',
      localPort: -1,
      remoteAddress: u.peerPath,
      remotePort: null,
      state: u.state as Socket['state'],
      pid: u.pid,
      pids: u.pids,
      uid: null,
      side: u.side,
      localScope: 'loopback',
      remoteScope: null,
      service: null,
      portClass: null,
    };
    cache.set(u, s);
  }
  return s;
}
