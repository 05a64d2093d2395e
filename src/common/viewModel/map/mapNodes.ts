/**
 * The map's nodes for one choice of folded process nodes: processes and groups (rule 3), the
 * "+N more" node (rules 5 and 6) and the remote hosts or their buckets (rule 4).
 */
import type { Exposure } from '../../derive/exposure';
import type { Role, Socket } from '../../model/model';
import { widestExposure } from './listeners';
import type { RemoteBucket } from './remoteHosts';
import { HIDDEN_NODE_ID, MORE_NODE_ID, type MapNode, type ProcInfo } from './mapTypes';

function sortedListening(listeners: readonly Socket[]): string[] {
  const set = new Set(listeners.map((l) => `${l.localPort}/${l.protocol}`));
  return [...set].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
}

function exposureText(e: Exposure | null): string {
  return e ? `, exposed (${e})` : '';
}

/** A process node, or a group node when several processes (or a collapsed group of one) share it. */
function processNode(
  id: string,
  list: readonly ProcInfo[],
  grouped: boolean,
  service?: { label: string; role: Role },
): MapNode {
  const first = list[0]!;
  const listeners = list.flatMap((p) => p.listeners);
  const exposure = widestExposure(listeners);
  if (service) {
    return {
      id,
      kind: 'group',
      label: service.label,
      role: service.role,
      pids: list.map((p) => p.pid).sort((a, b) => a - b),
      exposure,
      listening: sortedListening(listeners),
      scope: null,
      address: null,
      members: list.length,
      internalConnections: 0,
      ariaLabel: `${service.label} service, ${list.length} processes (group), ${service.role}${exposureText(exposure)}`,
    };
  }
  const single = list.length === 1 && !grouped;
  return {
    id,
    kind: single ? 'process' : 'group',
    label: first.label,
    role: first.role,
    pids: single ? [first.pid] : list.map((p) => p.pid).sort((a, b) => a - b),
    exposure,
    listening: sortedListening(listeners),
    scope: null,
    address: null,
    members: list.length,
    internalConnections: 0,
    ariaLabel: single
      ? `${first.label} (pid ${first.pid}), ${first.role}${exposureText(exposure)}`
      : `${first.label} ×${list.length} processes (group), ${first.role}${exposureText(exposure)}`,
  };
}

/** Servers on this machine whose process is hidden (another user's): one node for all of them. */
function hiddenNode(): MapNode {
  return {
    id: HIDDEN_NODE_ID,
    kind: 'hidden',
    label: 'hidden process',
    role: 'server',
    pids: [],
    exposure: null,
    listening: [],
    scope: 'loopback',
    address: null,
    members: 1,
    internalConnections: 0,
    ariaLabel: "a server on this machine whose process is hidden (another user's; run elevated to see it)",
  };
}

function moreNode(folded: readonly ProcInfo[]): MapNode {
  const exposure = widestExposure(folded.flatMap((p) => p.listeners));
  return {
    id: MORE_NODE_ID,
    kind: 'more',
    label: `+${folded.length} more`,
    role: null,
    pids: folded.map((p) => p.pid).sort((a, b) => a - b),
    exposure,
    listening: [],
    scope: null,
    address: null,
    members: folded.length,
    internalConnections: 0,
    ariaLabel: `+${folded.length} more processes (not drawn separately)${exposureText(exposure)}`,
  };
}

function remoteNode(b: RemoteBucket): MapNode {
  const host = b.kind === 'host' ? b.hosts[0]! : null;
  return {
    id: b.id,
    kind: host ? 'remote' : 'remote-group',
    label: b.title,
    role: null,
    pids: [],
    exposure: null,
    listening: [],
    scope: b.scope,
    address: host ? host.address : b.kind === 'subnet' ? b.title : null,
    members: b.hosts.length,
    internalConnections: 0,
    ariaLabel: host
      ? `remote host ${host.name ? `${host.name} (${host.address})` : host.address}, ${b.scope}`
      : `remote hosts in ${b.kind === 'subnet' ? b.title : `${b.scope} scope`} ×${b.hosts.length}, ${b.scope}`,
  };
}

/** Process and group nodes sorted by label, then "+N more" (if any), then the remote nodes. */
export function drawNodes(
  members: ReadonlyMap<string, ProcInfo[]>,
  groupOf: ReadonlyMap<number, string>,
  folded: ReadonlySet<string>,
  buckets: readonly RemoteBucket[],
  services: ReadonlyMap<string, { label: string; role: Role }> = new Map(),
  hidden = false,
): { nodes: MapNode[]; foldedProcesses: number } {
  const nodes: MapNode[] = [];
  const foldedProcs: ProcInfo[] = [];
  for (const [id, list] of members) {
    if (folded.has(id)) foldedProcs.push(...list);
    else nodes.push(processNode(id, list, groupOf.has(list[0]!.pid), services.get(id)));
  }
  if (hidden) nodes.push(hiddenNode());
  nodes.sort((a, b) => a.label.localeCompare(b.label) || (a.pids[0] ?? 0) - (b.pids[0] ?? 0));
  if (foldedProcs.length > 0) nodes.push(moreNode(foldedProcs));
  for (const b of buckets) nodes.push(remoteNode(b));
  return { nodes, foldedProcesses: foldedProcs.length };
}
