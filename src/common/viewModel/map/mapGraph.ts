/**
 * The Map tab's graph, built from a snapshot: who serves, who asks, who does both.
 *
 * Nodes are processes (marked by role and, when a listener reaches beyond this machine, by
 * exposure), remote hosts (outer nodes) and, when there are many, aggregates. Edges point from
 * client to server and carry port, service and connection count.
 *
 * Aggregation rules, so the map stays readable at hundreds of processes and thousands of edges:
 *  1. Processes with no network role (`none`) and no edge are left out.
 *  2. Parallel edges merge: one edge per (client node, server node), listing each port/service
 *     with its connection count; the edge's count is the sum.
 *  3. More than `collapseAbove` processes: processes sharing a label *and* a role collapse into a
 *     group node (`chrome ×8`), largest groups first, until the process nodes fit or no group of
 *     two or more is left. Connections inside a group are counted on it, not drawn. A group the
 *     user expanded (`expanded`) is never collapsed.
 *  4. More than `maxRemoteHosts` remote hosts: hosts in one subnet (/24 IPv4, /48 IPv6) share a
 *     node; if the subnets are still too many, hosts share one node per scope.
 *  5. More than `maxNodes` nodes in all: the busiest process nodes (by connections) stay and the
 *     rest fold into one explicit "+N more" node that keeps their edges.
 *  6. More than `maxEdges` edges after merging: more of the quietest process nodes fold into
 *     "+N more" (a fifth of those left at a time) until the edges fit. A last resort: the
 *     "+N more" node is a hub that both calls and serves, which lengthens ELK's layers (measured
 *     in bench/mapBench.ts), so the limit sits well above what rules 2–5 usually leave.
 */
import type { Snapshot } from '../../model/model';
import { nameLookup } from '../knownNames';
import { localAddressTest } from './localAddresses';
import { bucketRemoteHosts, type RemoteBucket, type RemoteHost } from './remoteHosts';
import { scanSockets } from './mapSockets';
import { collapseGroups, processesTakingPart, rankProcessNodes } from './mapProcesses';
import { drawNodes } from './mapNodes';
import { mergeEdges, type EdgeSources } from './mapEdges';
import { namespaceBoxes } from './namespaceBoxes';
import { MAP_LIMITS, MORE_NODE_ID, type MapEdge, type MapGraph, type MapNode, type MapOptions } from './mapTypes';

export { MAP_LIMITS, MORE_NODE_ID } from './mapTypes';
export type { MapBox, MapEdge, MapGraph, MapNode, MapNodeKind, MapOptions, MapStats, PortUse } from './mapTypes';
export { HIDDEN_NODE_ID } from './mapTypes';
export { edgeLabel, portText } from './mapEdges';

/** Rule 4: a node per remote host, per subnet or per scope; and the node of each address. */
function remoteNodes(hosts: ReadonlyMap<string, RemoteHost>, maxRemoteHosts: number) {
  const buckets: RemoteBucket[] = bucketRemoteHosts([...hosts.values()], maxRemoteHosts);
  const hostNode = new Map<string, string>();
  for (const b of buckets) for (const h of b.hosts) hostNode.set(h.address, b.id);
  return { buckets, hostNode };
}

/** The map graph of a snapshot (aggregation rules in the module doc). */
export function buildMapGraph(snapshot: Snapshot, options: MapOptions = {}): MapGraph {
  const names = options.names ?? nameLookup(snapshot.dnsNames);
  // The namespaces' addresses are this machine's too: a peer there is a local process (or a box).
  const ownInterfaces = [...snapshot.interfaces, ...(snapshot.namespaces ?? []).flatMap((n) => n.interfaces ?? [])];
  const scan = scanSockets(snapshot, names, localAddressTest(ownInterfaces));
  const procs = processesTakingPart(snapshot, scan.listenersByPid, scan.links.values(), scan.hiddenLinks.values()); // rule 1
  const expanded = options.expanded ?? new Set<string>();
  const { groupOf, collapsedGroups, services } = collapseGroups(
    snapshot,
    procs,
    options.collapseAbove ?? MAP_LIMITS.collapseAbove,
    expanded,
  );
  const baseNode = (pid: number) => groupOf.get(pid) ?? `proc:${pid}`;
  const { buckets, hostNode } = remoteNodes(scan.hosts, options.maxRemoteHosts ?? MAP_LIMITS.maxRemoteHosts);
  const { members, ranked } = rankProcessNodes(snapshot, procs, scan.links.values(), baseNode);

  // Rules 5 and 6: draw with the quietest process nodes past `keep` folded into "+N more".
  const draw = (keep: number): { nodes: MapNode[]; edges: MapEdge[]; foldedProcesses: number } => {
    const folded = new Set(ranked.slice(keep));
    const hidden = scan.hiddenLinks.size > 0;
    const { nodes, foldedProcesses } = drawNodes(members, groupOf, folded, buckets, services, hidden);
    const nodeOf = (pid: number) => {
      const id = baseNode(pid);
      return folded.has(id) ? MORE_NODE_ID : id;
    };
    const sources: EdgeSources = {
      snapshot,
      serviceAt: scan.serviceAt,
      links: scan.links.values(),
      nodeOf,
      hostNode,
      hiddenLinks: scan.hiddenLinks.values(),
    };
    return { nodes, edges: mergeEdges(nodes, sources), foldedProcesses };
  };
  const maxNodes = options.maxNodes ?? MAP_LIMITS.maxNodes;
  let keep = members.size + buckets.length > maxNodes ? Math.max(1, maxNodes - buckets.length - 1) : members.size;
  let drawn = draw(keep);
  // Rule 6: too many edges to follow (or to lay out quickly): fold more of the quietest.
  while (drawn.edges.length > (options.maxEdges ?? MAP_LIMITS.maxEdges) && keep > 1) {
    keep = Math.floor(keep * 0.8);
    drawn = draw(keep);
  }

  let localConnections = 0;
  for (const e of snapshot.edges) localConnections += e.count;
  const stats = {
    processes: procs.size,
    collapsedGroups,
    remoteHosts: scan.hosts.size,
    remoteNodes: buckets.length,
    foldedProcesses: drawn.foldedProcesses,
    localConnections,
  };
  const boxes = namespaceBoxes(snapshot, drawn.nodes);
  return { nodes: drawn.nodes, edges: drawn.edges, stats, ...(boxes.length > 0 ? { boxes } : null) };
}
