/**
 * What a collector hands over before any derivation: sockets and processes as the OS reports
 * them. `assembleSnapshot` turns this into a `Snapshot` (scopes, sides, roles, edges, labels).
 */
import type { CollectorName, Family, NetInterface, Protocol, SocketState, UnixState, UnixType } from './model';

export interface RawSocket {
  protocol: Protocol;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState | null;
  pid: number | null;
  /** Every holder, ascending, when the collector knows more than one; `pid` is the first. */
  pids?: number[];
  uid: number | null;
  /** User name of `uid`, filled for sockets whose owner is hidden. */
  user?: string | null;
  /** TCP: bytes queued to read and to send (ss's Recv-Q, Send-Q). */
  recvQ?: number;
  sendQ?: number;
}

export interface RawUnixSocket {
  type: UnixType;
  state: UnixState;
  path: string | null;
  inode: number;
  peerInode: number | null;
  pid: number | null;
  pids: number[];
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
  /** systemd unit or cgroup path, where the collector can read it. */
  unit?: string | null;
  /** Parent chain, nearest first (procfs only). */
  ancestors?: { pid: number; name: string }[];
}

export interface Collected {
  collector: CollectorName;
  hostname: string;
  platform: string;
  privileged: boolean;
  sockets: RawSocket[];
  processes: RawProcess[];
  interfaces: NetInterface[];
  /**
   * Sockets some process holds but the OS would not say which (another user's process without
   * privilege). Collectors that can tell ownerless sockets (TIME_WAIT) from hidden ones set it;
   * otherwise it is the count of sockets with pid null.
   */
  unmappedSockets?: number;
  /** Problems met while collecting that did not stop it (malformed kernel lines, unreadable tables). */
  warnings?: string[];
  /** Unix domain sockets, where the collector can list them. */
  unixSockets?: RawUnixSocket[];
}
