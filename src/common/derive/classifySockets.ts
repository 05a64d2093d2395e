/**
 * Which end of a conversation each socket is (the README's "Client, server, both" says the rules
 * in prose).
 *
 * TCP: a listener is the server side; so is a connection whose local port is one this host
 * listens on (on that address, or on a wildcard — a `::` listener also accepts IPv4 peers);
 * every other connection is the client side — except a closing one (TIME_WAIT and friends)
 * whose listener is already gone: there the ports are the only evidence, so a fixed local port
 * facing an ephemeral remote one was the server, and two ephemeral ports leave the side unknown
 * rather than guessed.
 *
 * UDP has no listen(), so: an unconnected socket bound to a fixed port — below Linux's default
 * ephemeral range (32768) or one the service registry names — serves; a connected socket is a
 * client unless this host serves UDP on its local port (servers such as QUIC connect one socket
 * per peer); an unconnected socket on an ephemeral port has no side. DHCP's client ports are
 * clients whatever their number.
 */
import type { Side } from '../model/model';
import type { RawSocket } from '../model/collected';
import { unmapIPv4 } from './addressScope';
import { serviceName, type ServiceTable } from './services';

export const EPHEMERAL_PORT_START = 32768;
const UDP_CLIENT_PORTS = new Set([68, 546]); // bootpc, dhcpv6-client

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/** Ports this host serves on: per protocol, wildcard binds and exact address binds. */
class ServedPorts {
  private readonly wildcard4 = new Set<number>();
  private readonly wildcard6 = new Set<number>();
  /** port → addresses bound exactly (keyed by number: no text key to build for each of 20k sockets). */
  private readonly exact = new Map<number, Set<string>>();

  add(s: RawSocket): void {
    if (s.localAddress === '0.0.0.0') this.wildcard4.add(s.localPort);
    else if (s.localAddress === '::') this.wildcard6.add(s.localPort);
    else {
      let addresses = this.exact.get(s.localPort);
      if (!addresses) this.exact.set(s.localPort, (addresses = new Set()));
      addresses.add(unmapIPv4(s.localAddress));
    }
  }

  has(s: RawSocket): boolean {
    const port = s.localPort;
    if (this.wildcard6.has(port) || this.exact.get(port)?.has(unmapIPv4(s.localAddress))) return true;
    // An IPv4 wildcard accepts IPv4 peers only (IPv4 sockets, or IPv4-mapped ones).
    return this.wildcard4.has(port) && (s.family === 'IPv4' || s.localAddress.startsWith('::ffff:'));
  }
}

/** The side of every socket, in input order. */
export function classifySides(sockets: readonly RawSocket[], services: ServiceTable): (Side | null)[] {
  // Ports are served per network namespace: a container's listener on :80 makes no host socket
  // on :80 an accepted one. Sockets without `netns` (other collectors, older files) share one.
  const served = new Map<number | null, { tcp: ServedPorts; udp: ServedPorts }>();
  const servedIn = (s: RawSocket) => {
    const key = s.netns ?? null;
    let ports = served.get(key);
    if (!ports) served.set(key, (ports = { tcp: new ServedPorts(), udp: new ServedPorts() }));
    return ports;
  };
  const udpServing: boolean[] = sockets.map(
    (s) => s.protocol === 'udp' && s.state === 'UNCONN' && udpServes(s, services),
  );
  sockets.forEach((s, i) => {
    if (s.protocol === 'tcp' && s.state === 'LISTEN') servedIn(s).tcp.add(s);
    else if (udpServing[i]) servedIn(s).udp.add(s);
  });
  return sockets.map((s, i) => {
    const { tcp, udp } = servedIn(s);
    if (s.protocol === 'tcp') {
      if (s.state === 'LISTEN') return 'server';
      if (s.remoteAddress === null) return null; // bound but neither listening nor connected
      if (s.state === 'SYN_SENT') return 'client';
      if (tcp.has(s)) return 'server';
      return CLOSING_STATES.has(s.state ?? '') ? closingSide(s.localPort, s.remotePort ?? 0) : 'client';
    }
    if (s.remoteAddress === null) return udpServing[i] ? 'server' : null;
    return udp.has(s) ? 'server' : 'client';
  });
}

const CLOSING_STATES = new Set(['TIME_WAIT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'CLOSE']);

function closingSide(localPort: number, remotePort: number): Side | null {
  const localEphemeral = localPort >= EPHEMERAL_PORT_START;
  const remoteEphemeral = remotePort >= EPHEMERAL_PORT_START;
  if (localEphemeral === remoteEphemeral) return null; // both ephemeral or both fixed: no evidence
  return !localEphemeral && remoteEphemeral ? 'server' : 'client';
}

function udpServes(s: RawSocket, services: ServiceTable): boolean {
  if (s.localPort === 0 || UDP_CLIENT_PORTS.has(s.localPort)) return false;
  return s.localPort < EPHEMERAL_PORT_START || serviceName(services, 'udp', s.localPort) !== null;
}

export { isWildcard };
