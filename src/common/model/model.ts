/**
 * The Sockeye snapshot model: the one document that is collected, sent to the renderer,
 * exported, opened again and diffed. Field names are a public contract (`--json`, exports).
 * The zod schemas are the single source of truth; the TypeScript types are inferred from them.
 */
import { z } from 'zod';
import { SNAPSHOT_SCHEMA } from './snapshotSchemaName';
import { COLLECTOR_NAMES, type CollectorName } from './collectorName';

export { SNAPSHOT_SCHEMA };

export const FamilySchema = z.enum(['IPv4', 'IPv6']);
export type Family = z.infer<typeof FamilySchema>;

export const ProtocolSchema = z.enum(['tcp', 'udp']);
export type Protocol = z.infer<typeof ProtocolSchema>;

/** Address scopes, from narrowest reach to widest. */
export const ScopeSchema = z.enum([
  'loopback',
  'unspecified',
  'link-local',
  'private',
  'unique-local',
  'carrier-grade-nat',
  'multicast',
  'broadcast',
  'reserved',
  'public',
]);
export type Scope = z.infer<typeof ScopeSchema>;

export const TcpStateSchema = z.enum([
  'LISTEN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
  'NEW_SYN_RECV',
  'BOUND',
]);
export type TcpState = z.infer<typeof TcpStateSchema>;

/**
 * UDP has no connection state. We report `UNCONN` for a socket with no fixed peer and
 * `CONNECTED` for one that called connect() — the same words `ss` uses (ESTAB for the latter).
 */
export const UdpStateSchema = z.enum(['UNCONN', 'CONNECTED']);
export type UdpState = z.infer<typeof UdpStateSchema>;

export const SocketStateSchema = z.union([TcpStateSchema, UdpStateSchema]);
export type SocketState = z.infer<typeof SocketStateSchema>;

export const SideSchema = z.enum(['server', 'client']);
export type Side = z.infer<typeof SideSchema>;

export const RoleSchema = z.enum(['client', 'server', 'both', 'none']);
export type Role = z.infer<typeof RoleSchema>;

export const PortClassSchema = z.enum(['system', 'registered', 'dynamic']);
export type PortClass = z.infer<typeof PortClassSchema>;

/** A live collector's name, or `osquery` for a snapshot imported from osquery results (the fleet view's source). */
export const CollectorNameSchema = z.enum([...COLLECTOR_NAMES, 'osquery']);
export type { CollectorName };

const port = z.number().int().min(0).max(65535);
const byteCount = z.number().min(0);
const byteRate = z.number().min(0);

export const ContainerRuntimeSchema = z.enum(['docker', 'podman', 'containerd', 'crio', 'kubepods', 'nspawn', 'lxc']);
export type ContainerRuntime = z.infer<typeof ContainerRuntimeSchema>;

/** A container, as its cgroup path names it; `name` from the runtime's API socket when reachable, else null. */
export const ContainerSchema = z.object({
  id: z.string(),
  runtime: ContainerRuntimeSchema,
  name: z.string().nullable(),
});
export type Container = z.infer<typeof ContainerSchema>;

export const SocketSchema = z.object({
  protocol: ProtocolSchema,
  family: FamilySchema,
  localAddress: z.string(),
  localPort: port,
  remoteAddress: z.string().nullable(),
  remotePort: port.nullable(),
  state: SocketStateSchema.nullable(),
  pid: z.number().int().nullable(),
  /**
   * Every process holding the socket, ascending (a listener opened before fork() is held by the
   * master and each worker); `pid` is the first. Absent in files written before it existed:
   * read it through `socketHolders()`.
   */
  pids: z.array(z.number().int()).optional(),
  /** Owner uid as the kernel reports it; lets the UI say "another user's process" when pid is hidden. */
  uid: z.number().int().nullable(),
  /** The user name of `uid`, for sockets whose owner is hidden (shown as "hidden (user redis)"; `user:redis` finds them). */
  user: z.string().nullable().optional(),
  /**
   * TCP: bytes received and not yet read by the process, and bytes not yet acknowledged by the
   * peer (/proc/net/tcp's rx_queue, tx_queue; `ss`'s Recv-Q and Send-Q). A listener's recvQ is its
   * accept queue. Absent where the collector cannot tell.
   */
  recvQ: z.number().int().min(0).optional(),
  sendQ: z.number().int().min(0).optional(),
  side: SideSchema.nullable(),
  localScope: ScopeSchema,
  remoteScope: ScopeSchema.nullable(),
  /**
   * The service on the port, where the name is likely true: a well-known port, a registered one
   * whose name matches the serving program, or a client's port of a common registered service.
   */
  service: z.string().nullable(),
  /** The IANA registration of the port when `service` is not shown for it (nginx on 8088: "omniorb"). */
  serviceHint: z.string().optional(),
  portClass: PortClassSchema.nullable(),
  // Traffic (TCP on Linux, from the kernel's tcp_info): absent or null where unknown — UDP, a
  // platform or collector without counters, a file written before Sockeye counted — never 0.
  /** Bytes the peer acknowledged (tcpi_bytes_acked, less the SYN). */
  bytesSent: byteCount.nullish(),
  /** Bytes received in order (tcpi_bytes_received). */
  bytesReceived: byteCount.nullish(),
  /** Bytes sent again (tcpi_bytes_retrans). */
  bytesRetransmitted: byteCount.nullish(),
  /** Smoothed round-trip time, ms. */
  rttMs: z.number().min(0).nullish(),
  /** Bytes per second over the last live interval (`traffic.intervalMs`); null without two samples. */
  sendRate: byteRate.nullish(),
  receiveRate: byteRate.nullish(),
  /** The network namespace the socket lives in (the inode of /proc/<pid>/ns/net; see `namespaces`). Absent in older files: the host's. */
  netns: z.number().int().nullish(),
});
export type Socket = z.infer<typeof SocketSchema>;

export const ProcessSchema = z.object({
  pid: z.number().int(),
  ppid: z.number().int().nullable(),
  name: z.string(),
  path: z.string().nullable(),
  cmdline: z.string().nullable(),
  cwd: z.string().nullable(),
  user: z.string().nullable(),
  /** Process start, ISO 8601, when the OS tells. */
  startedAt: z.string().nullable(),
  label: z.string(),
  role: RoleSchema,
  /**
   * The pid heading this process's service: a parent with the children that share its listeners
   * or its executable (nginx's master and workers). Absent when it has no such family.
   */
  servicePid: z.number().int().optional(),
  /** The systemd unit (or the cgroup path) it runs in, where readable. */
  unit: z.string().nullable().optional(),
  /** Its parent chain, nearest first, up to PID 1, as far as /proc could be read. */
  ancestors: z.array(z.object({ pid: z.number().int(), name: z.string() })).optional(),
  /** Its network namespace's inode (see `namespaces`), where readable. */
  netns: z.number().int().nullish(),
  /** The container it runs in, from its cgroup path (name from the runtime's API where reachable). */
  container: ContainerSchema.nullish(),
});
export type Process = z.infer<typeof ProcessSchema>;

export const EdgeSchema = z.object({
  clientPid: z.number().int(),
  serverPid: z.number().int(),
  protocol: ProtocolSchema,
  port,
  count: z.number().int().min(1),
  /** Traffic of the edge's live connections, from the client's side (absent where unknown). */
  bytesSent: byteCount.nullish(),
  bytesReceived: byteCount.nullish(),
  sendRate: byteRate.nullish(),
  receiveRate: byteRate.nullish(),
  /** `dnat`: the client connected to a published address that the kernel rewrote to the server's (seen in conntrack); absent: direct. */
  via: z.enum(['dnat']).optional(),
  /** With `via: 'dnat'`: the published address and port the client connected to. */
  publishedAddress: z.string().optional(),
  publishedPort: port.optional(),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const UnixTypeSchema = z.enum(['stream', 'dgram', 'seqpacket']);
export type UnixType = z.infer<typeof UnixTypeSchema>;

/** Unix socket states, in the words `ss -x` uses (`ESTAB` spelled out, as for TCP). */
export const UnixStateSchema = z.enum(['LISTEN', 'ESTABLISHED', 'UNCONN', 'CONNECTING', 'DISCONNECTING']);
export type UnixState = z.infer<typeof UnixStateSchema>;

/**
 * A Unix domain socket (/proc/net/unix): Docker's API, PostgreSQL's local socket, D-Bus, X11,
 * systemd. Its peer is known from the kernel (sock_diag UNIX_DIAG_PEER, as `ss -x` prints it).
 */
export const UnixSocketSchema = z.object({
  type: UnixTypeSchema,
  state: UnixStateSchema,
  /** Bound path, `@name` for an abstract name, null when unbound (most clients). */
  path: z.string().nullable(),
  inode: z.number().int(),
  /** The peer's inode, null when not connected or not known. */
  peerInode: z.number().int().nullable(),
  /** The path the peer is bound to (a client's view of the server it reached), if any. */
  peerPath: z.string().nullable(),
  pid: z.number().int().nullable(),
  pids: z.array(z.number().int()),
  /** Listening, or the accepted end of a listener's connection: server; its peer: client. */
  side: SideSchema.nullable(),
});
export type UnixSocket = z.infer<typeof UnixSocketSchema>;

/** Process A is connected to process B's Unix socket at `path` over `count` connections. */
export const UnixEdgeSchema = z.object({
  clientPid: z.number().int(),
  serverPid: z.number().int(),
  type: UnixTypeSchema,
  /** The server's bound path or abstract name; null for a socketpair or unnamed peer. */
  path: z.string().nullable(),
  count: z.number().int().min(1),
});
export type UnixEdge = z.infer<typeof UnixEdgeSchema>;

export const InterfaceAddressSchema = z.object({
  address: z.string(),
  family: FamilySchema,
  cidr: z.string().nullable(),
  scope: ScopeSchema,
});
export type InterfaceAddress = z.infer<typeof InterfaceAddressSchema>;

export const NetInterfaceSchema = z.object({
  name: z.string(),
  mac: z.string().nullable(),
  up: z.boolean(),
  internal: z.boolean(),
  addresses: z.array(InterfaceAddressSchema),
});
export type NetInterface = z.infer<typeof NetInterfaceSchema>;

export const HostSchema = z.object({
  /** A stable id for this machine (from /etc/machine-id where there is one), so a fleet tells two hosts of one name apart; absent in older files. */
  id: z.string().nullish(),
  hostname: z.string(),
  platform: z.string(),
  collector: CollectorNameSchema,
  privileged: z.boolean(),
  unmappedSockets: z.number().int().min(0),
  /** Where the socket rows came from: `sock_diag` (netlink) or `/proc/net` (procfs collector only). */
  socketTable: z.string().nullish(),
});
export type Host = z.infer<typeof HostSchema>;

export const NameSourceSchema = z.enum(['dns-ptr', 'hosts-file', 'system-resolver', 'forward-lookup']);
export type NameSource = z.infer<typeof NameSourceSchema>;

/** A name this snapshot knows for an address (filled by reverse lookups the user asked for). */
export const KnownNameSchema = z.object({
  address: z.string(),
  names: z.array(z.string()),
  source: NameSourceSchema,
  confirmed: z.boolean(),
});
export type KnownName = z.infer<typeof KnownNameSchema>;

/** Bytes both ways, with rates over the last interval (null when there is only one sample). */
const trafficTotals = {
  bytesSent: byteCount,
  bytesReceived: byteCount,
  sendRate: byteRate.nullable(),
  receiveRate: byteRate.nullable(),
};

export const ProcessTrafficSchema = z.object({
  pid: z.number().int(),
  ...trafficTotals,
  /** Its TCP sockets with counters in this snapshot. */
  connections: z.number().int().min(0),
  /** Connections of this process that closed while Sockeye watched (since `traffic.since`), and their bytes (included above). */
  closedConnections: z.number().int().min(0),
  closedBytesSent: byteCount,
  closedBytesReceived: byteCount,
});
export type ProcessTraffic = z.infer<typeof ProcessTrafficSchema>;

export const RemoteHostTrafficSchema = z.object({
  address: z.string(),
  ...trafficTotals,
  connections: z.number().int().min(0),
});
export type RemoteHostTraffic = z.infer<typeof RemoteHostTrafficSchema>;

export const InterfaceTrafficSchema = z.object({
  name: z.string(),
  ...trafficTotals,
});
export type InterfaceTraffic = z.infer<typeof InterfaceTrafficSchema>;

export const TrafficTotalsSchema = z.object({ ...trafficTotals, connections: z.number().int().min(0) });
export type TrafficTotals = z.infer<typeof TrafficTotalsSchema>;

/** Who sends and receives how much (see README, Traffic). */
export const TrafficSchema = z.object({
  /** Whether per-socket byte counters were read; when not, `unavailableReason` says why in one line. */
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** Where the counters came from: `sock_diag` (Linux netlink), or null. */
  source: z.string().nullable(),
  /** The interval the rates cover, ending at `takenAt`; null for a single sample (no rates). */
  intervalMs: z.number().min(0).nullable(),
  /** Since when connections that closed are counted (ISO 8601); null when not watching. */
  since: z.string().nullable(),
  processes: z.array(ProcessTrafficSchema),
  remoteHosts: z.array(RemoteHostTrafficSchema),
  interfaces: z.array(InterfaceTrafficSchema),
  /** Closed connections whose process could not be told, and live ones of hidden owners. */
  unattributed: TrafficTotalsSchema,
  /** Close events the kernel dropped (its queue overflowed): their bytes are missing above. */
  lostEvents: z.number().int().min(0),
});
export type Traffic = z.infer<typeof TrafficSchema>;

/** An interface of a namespace and its addresses, as far as /proc/<pid>/net tells. */
export const NamespaceInterfaceSchema = z.object({
  name: z.string(),
  addresses: z.array(InterfaceAddressSchema),
});
export type NamespaceInterface = z.infer<typeof NamespaceInterfaceSchema>;

/** A network namespace seen through its processes (see README, Containers and network namespaces). */
export const NamespaceSchema = z.object({
  /** The inode of /proc/<pid>/ns/net: what every socket's and process's `netns` refers to. */
  inode: z.number().int(),
  /** The namespace Sockeye itself runs in (its sockets come from sock_diag; the others' from /proc/<pid>/net). */
  host: z.boolean(),
  /** The `ip netns` name (a file in /run/netns bind-mounted on it), else null. */
  name: z.string().nullable(),
  /** The container whose namespace it is, where a process in it has a container's cgroup. */
  container: ContainerSchema.nullable(),
  /** The process its tables were read through (null for the host's). */
  pid: z.number().int().nullable(),
  /** Processes seen in it. */
  processes: z.number().int().min(0),
  /** Its interfaces and addresses; null when unreadable. */
  interfaces: z.array(NamespaceInterfaceSchema).nullable(),
});
export type Namespace = z.infer<typeof NamespaceSchema>;

/** A port published by DNAT (seen in conntrack) or by Docker's userland proxy (see README, Published ports). */
export const PublishedSchema = z.object({
  /** The namespace whose table or process says so (null: the host's, inode unknown). */
  netns: z.number().int().nullable(),
  protocol: ProtocolSchema,
  /** What clients connect to. */
  address: z.string(),
  port,
  /** Where it is carried. */
  toAddress: z.string(),
  toPort: port,
  via: z.enum(['conntrack', 'docker-proxy']),
  /** Conntrack entries (connections, including closing ones) of this group; a proxy's accepted connections. */
  connections: z.number().int().min(0),
});
export type Published = z.infer<typeof PublishedSchema>;

export const SnapshotSchema = z.object({
  schema: z.literal(SNAPSHOT_SCHEMA),
  takenAt: z.iso.datetime({ offset: true }),
  host: HostSchema,
  interfaces: z.array(NetInterfaceSchema),
  processes: z.array(ProcessSchema),
  sockets: z.array(SocketSchema),
  edges: z.array(EdgeSchema),
  dnsNames: z.array(KnownNameSchema).default([]),
  /** Problems met while collecting that did not stop it (malformed kernel lines, unreadable tables). */
  warnings: z.array(z.string()).default([]),
  /** Traffic summary; absent in files written before Sockeye counted traffic. */
  traffic: TrafficSchema.nullish(),
  /** Unix domain sockets (absent in files from before they were collected). */
  unixSockets: z.array(UnixSocketSchema).optional(),
  /** Client → server pairs over Unix sockets, from the kernel's peer information. */
  unixEdges: z.array(UnixEdgeSchema).optional(),
  /** Network namespaces (Linux procfs collector); absent in older files and on other platforms. */
  namespaces: z.array(NamespaceSchema).optional(),
  /** Published ports (DNAT in conntrack where readable, docker-proxy); absent in older files and where none is known. */
  published: z.array(PublishedSchema).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
