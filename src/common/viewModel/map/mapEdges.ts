/**
 * The map's edges (rule 2): parallel connections between two drawn nodes merge into one edge that
 * lists each port with its count; connections inside one node are counted on it, not drawn.
 */
import type { Snapshot } from '../../model/model';
import { serviceKey } from './mapSockets';
import {
  addRate,
  HIDDEN_NODE_ID,
  type HiddenLink,
  type MapEdge,
  type MapNode,
  type PortUse,
  type RemoteLink,
} from './mapTypes';
import { formatRate } from '../../traffic/trafficFormat';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `8080/tcp http`. */
export function portText(p: Pick<PortUse, 'protocol' | 'port' | 'service' | 'path'>): string {
  if (p.protocol === 'unix') return `unix ${p.path ?? '(unnamed)'}`;
  return `${p.port}/${p.protocol}${p.service ? ` ${p.service}` : ''}`;
}

/** The edge's drawn label: up to two ports, then `+N`, then the connection count. */
export function edgeLabel(ports: readonly PortUse[], count: number): string {
  const shown = ports.slice(0, 2).map(portText).join(', ');
  const more = ports.length > 2 ? ` +${ports.length - 2}` : '';
  return `${shown}${more} ×${count}`;
}

interface Merged {
  source: string;
  target: string;
  ports: Map<string, PortUse>;
  count: number;
  remote: boolean;
  rate: number | null;
}

export interface EdgeSources {
  snapshot: Snapshot;
  serviceAt: ReadonlyMap<string, string>;
  links: Iterable<RemoteLink>;
  /** The drawn node of a process. */
  nodeOf: (pid: number) => string;
  /** The drawn node of a remote address. */
  hostNode: ReadonlyMap<string, string>;
  /** Connections to hidden servers on this machine (drawn to HIDDEN_NODE_ID). */
  hiddenLinks?: Iterable<HiddenLink>;
}

function finishEdge(id: string, m: Merged, byId: ReadonlyMap<string, MapNode>): MapEdge {
  const ports = [...m.ports.values()].sort(
    (a, b) => b.count - a.count || a.port - b.port || a.protocol.localeCompare(b.protocol),
  );
  const from = byId.get(m.source)!;
  const to = byId.get(m.target)!;
  return {
    id,
    source: m.source,
    target: m.target,
    ports,
    count: m.count,
    remote: m.remote,
    rate: m.rate,
    // The rate joins the label only while bytes move, so an idle map reads as before.
    label: edgeLabel(ports, m.count) + (m.rate ? ` · ${formatRate(m.rate)}` : ''),
    ariaLabel: `${from.label} → ${to.label}: ${ports.map(portText).join(', ')}, ${plural(m.count, 'connection')}${m.rate ? `, ${formatRate(m.rate)}` : ''}`,
  };
}

/** Rule 2: one edge per (client node, server node), sorted by id; adds inner counts to `nodes`. */
export function mergeEdges(nodes: readonly MapNode[], from: EdgeSources): MapEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const merged = new Map<string, Merged>();
  const link = (source: string, target: string, use: PortUse, remote: boolean, rate: number | null) => {
    if (source === target) {
      byId.get(source)!.internalConnections += use.count;
      return;
    }
    const id = `${source}->${target}`;
    let m = merged.get(id);
    if (!m) {
      m = { source, target, ports: new Map(), count: 0, remote, rate: null };
      merged.set(id, m);
    }
    m.count += use.count;
    if (rate !== null) m.rate = (m.rate ?? 0) + rate;
    const key = `${use.protocol}|${use.port}|${use.path ?? ''}`;
    const p = m.ports.get(key);
    if (p) p.count += use.count;
    else m.ports.set(key, { ...use });
  };
  for (const e of from.snapshot.edges) {
    const service = from.serviceAt.get(serviceKey(e.serverPid, e.protocol, e.port)) ?? null;
    const use = { protocol: e.protocol, port: e.port, service, count: e.count };
    link(from.nodeOf(e.clientPid), from.nodeOf(e.serverPid), use, false, addRate(null, e.sendRate, e.receiveRate));
  }
  for (const l of from.links) {
    const use = { protocol: l.protocol, port: l.port, service: l.service, count: l.count };
    const proc = from.nodeOf(l.pid);
    const host = from.hostNode.get(l.address)!;
    if (l.side === 'client') link(proc, host, use, true, l.rate);
    else link(host, proc, use, true, l.rate);
  }
  for (const l of from.hiddenLinks ?? []) {
    const use = { protocol: l.protocol, port: l.port, service: l.service, count: l.count };
    link(from.nodeOf(l.pid), HIDDEN_NODE_ID, use, false, null);
  }
  for (const e of from.snapshot.unixEdges ?? []) {
    const use: PortUse = { protocol: 'unix', path: e.path, port: 0, service: null, count: e.count };
    link(from.nodeOf(e.clientPid), from.nodeOf(e.serverPid), use, false, null);
  }
  return [...merged].map(([id, m]) => finishEdge(id, m, byId)).sort((a, b) => a.id.localeCompare(b.id));
}
