/**
 * What a collector hands over before any derivation: sockets and processes as the OS reports
 * them. `assembleSnapshot` turns this into a `Snapshot` (scopes, sides, roles, edges, labels).
 */
import type { CollectorName, Family, NetInterface, Protocol, SocketState } from './model';

export interface RawSocket {
  protocol: Protocol;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState | null;
  pid: number | null;
  uid: number | null;
}

export interface RawProcess {
  pid: number;
  ppid: number | null;
  name: string;
  path: string | null;
  cmdline: string | null;
  cwd: string | null;
  user: string | null;
  startedAt: string | null;
}

export interface Collected {
  collector: CollectorName;
  hostname: string;
  platform: string;
  privileged: boolean;
  sockets: RawSocket[];
  processes: RawProcess[];
  interfaces: NetInterface[];
}
