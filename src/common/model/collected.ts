/**
 * What a collector hands over before any derivation: sockets and processes as the OS reports
 * them. `assembleSnapshot` turns this into a `Snapshot` (scopes, sides, roles, edges, labels).
 */
import type {
  CollectorName,
  Container,
  Namespace,
  Family,
  InterfaceTraffic,
  NetInterface,
  Protocol,
  SocketState,
  UnixState,
  UnixType,
} from './model';
import type { CollectedConntrack } from '../nat/conntrack';

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
  /** TCP counters where the collector reads them (see Socket in model.ts); absent: unknown. */
  bytesSent?: number | null;
  bytesReceived?: number | null;
  bytesRetransmitted?: number | null;
  rttMs?: number | null;
  sendRate?: number | null;
  receiveRate?: number | null;
  /** Network namespace inode (procfs collector). */
  netns?: number | null;
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

/** Connections that closed between two samples, summed per process (pid null: not attributable). */
export interface ClosedTraffic {
  pid: number | null;
  /** Since watching began: their final counters. */
  connections: number;
  bytesSent: number;
  bytesReceived: number;
  /** In the last interval only (for rates): what they moved after the previous sample. */
  intervalSent: number;
  intervalReceived: number;
}

export interface CollectedTraffic {
  available: boolean;
  unavailableReason: string | null;
  source: string | null;
  intervalMs: number | null;
  since: string | null;
  closed: ClosedTraffic[];
  /** Closed connections' bytes in the last interval by remote address (for the remote hosts' rates). */
  closedByRemote: { address: string; intervalSent: number; intervalReceived: number }[];
  interfaces: InterfaceTraffic[];
  lostEvents: number;
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
  /** Network namespace inode (procfs only). */
  netns?: number | null;
  /** Container from the cgroup path (procfs only). */
  container?: Container | null;
}

export interface Collected {
  collector: CollectorName;
  /** `sock_diag` or `/proc/net` (procfs collector). */
  socketTable?: string;
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
  /** Unix domain sockets, where the collector can list them. */
  unixSockets?: RawUnixSocket[];
  /** Problems met while collecting that did not stop it (malformed kernel lines, unreadable tables). */
  warnings?: string[];
  /** Traffic facts beyond the sockets' own counters; absent: the collector does not count traffic. */
  traffic?: CollectedTraffic;
  /** Network namespaces seen (procfs collector on Linux). */
  namespaces?: Namespace[];
  /** Conntrack tables read (host's and other namespaces'), where readable; absent: none. */
  conntrack?: CollectedConntrack[];
}
