/**
 * The shapes of the Map tab's graph (built by mapGraph.ts, whose module doc lists the rules), kept
 * apart so each rule's module can name them without importing the builder that calls it.
 */
import type { Protocol, Role, Scope, Socket } from '../../model/model';
import type { Exposure } from '../../derive/exposure';
import type { NameLookup } from '../knownNames';

export type MapNodeKind = 'process' | 'group' | 'remote' | 'remote-group' | 'more' | 'hidden';

/** The node for servers on this machine whose process the OS would not name (another user's). */
export const HIDDEN_NODE_ID = 'hidden:local';

export interface MapNode {
  /** `proc:PID`, `service:PID` (a service family), `group:ROLE:LABEL`, `remote:ADDRESS`, `subnet:CIDR`, `scope:SCOPE`, `more:processes` or `hidden:local`. */
  id: string;
  kind: MapNodeKind;
  /** What the node shows: the process label, the group's label, a host's name or address, a subnet. */
  label: string;
  /** Accessible name, e.g. `node · my-api (pid 123), both, exposed (all interfaces)`. */
  ariaLabel: string;
  /** Role of a process or group; null for remote and "+N more" nodes. */
  role: Role | null;
  /** Processes drawn by this node (one for a process, several for a group or "+N more"). */
  pids: number[];
  /** The widest reach of its listeners beyond this machine; null when none reaches beyond it. */
  exposure: Exposure | null;
  /** Listening ports, `8080/tcp`, sorted. */
  listening: string[];
  /** Remote nodes: the host's or group's scope. */
  scope: Scope | null;
  /** Remote host: its address; subnet group: its CIDR; otherwise null. */
  address: string | null;
  /** Processes or remote hosts this node stands for. */
  members: number;
  /** Connections between members of a group (or "+N more"), which no edge draws. */
  internalConnections: number;
}

export interface PortUse {
  /** `unix` for a Unix socket, named by `path`. */
  protocol: Protocol | 'unix';
  /** Unix sockets: the server's path or abstract name (null: unnamed); port is 0. */
  path?: string | null;
  port: number;
  service: string | null;
  count: number;
}

export interface MapEdge {
  /** `SOURCE->TARGET`. */
  id: string;
  /** The client side's node. */
  source: string;
  /** The server side's node. */
  target: string;
  /** Each port the clients use, busiest first. */
  ports: PortUse[];
  /** Connections in all. */
  count: number;
  /** Short text drawn on the edge: `8080/tcp http ×2`, `5432/tcp postgresql, 6379/tcp +1 ×5`. */
  label: string;
  ariaLabel: string;
  /** One end is a remote host (or a group of them). */
  remote: boolean;
  /** Bytes per second both ways over the live interval; null where unknown (no counters, one sample). */
  rate: number | null;
}

export interface MapStats {
  /** Processes that take part in the map (before grouping). */
  processes: number;
  /** Group nodes made by rule 3. */
  collapsedGroups: number;
  /** Remote hosts seen, and the nodes drawn for them. */
  remoteHosts: number;
  remoteNodes: number;
  /** Processes folded into "+N more" by rule 5. */
  foldedProcesses: number;
  /** Connections between two processes on this machine (edge counts summed). */
  localConnections: number;
}

/** A container or network namespace drawn as a box around its process nodes (see namespaceBoxes.ts). */
export interface MapBox {
  /** `box:NETNS_INODE`. */
  id: string;
  /** `web`, `docker 3f1c2a9b8e7d`, `netns blue`. */
  label: string;
  nodeIds: string[];
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  stats: MapStats;
  /** Containers and namespaces other than the host's; absent or empty: none. */
  boxes?: MapBox[];
}

export interface MapOptions {
  collapseAbove?: number;
  maxRemoteHosts?: number;
  maxNodes?: number;
  maxEdges?: number;
  /** Group ids the user expanded. */
  expanded?: ReadonlySet<string>;
  /** Names for remote addresses; defaults to the snapshot's `dnsNames`. */
  names?: NameLookup;
}

export const MAP_LIMITS = { collapseAbove: 40, maxRemoteHosts: 24, maxNodes: 120, maxEdges: 600 } as const;

export const MORE_NODE_ID = 'more:processes';

/** A process that takes part in the map (rule 1), before grouping. */
export interface ProcInfo {
  pid: number;
  label: string;
  role: Role;
  listeners: Socket[];
  /** The pid heading its service family, if any. */
  servicePid: number | undefined;
}

/** Connections from a process to a server on this machine whose owner is hidden, counted per port. */
export interface HiddenLink {
  pid: number;
  protocol: Protocol;
  port: number;
  service: string | null;
  count: number;
}

/** Traffic between one process and one remote host on one port, counted. */
export interface RemoteLink {
  side: 'client' | 'server';
  pid: number;
  address: string;
  protocol: Protocol;
  port: number;
  service: string | null;
  count: number;
  rate: number | null;
}

/** A running sum of rates: null until some socket has one (unknown is not 0). */
export function addRate(
  sum: number | null,
  send: number | null | undefined,
  receive: number | null | undefined,
): number | null {
  if (typeof send !== 'number' && typeof receive !== 'number') return sum;
  return (sum ?? 0) + (send ?? 0) + (receive ?? 0);
}
