/**
 * The map graph as ELK's input (layered, left to right: clients before the servers they use,
 * remote hosts on the outer edges) and ELK's answer as node positions and edge routes.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { MapGraph, MapNodeKind } from './mapGraph';

/** Drawn sizes of each kind of node; the renderer draws nodes exactly this big. */
export const NODE_SIZE: Record<MapNodeKind, { width: number; height: number }> = {
  process: { width: 230, height: 64 },
  group: { width: 230, height: 64 },
  remote: { width: 210, height: 52 },
  'remote-group': { width: 210, height: 52 },
  more: { width: 170, height: 44 },
  hidden: { width: 230, height: 52 },
};

export const ELK_LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': '150',
  'elk.spacing.componentComponent': '48',
  'elk.edgeRouting': 'POLYLINE',
  // Cycles (two processes that call each other) are broken where it costs the fewest reversed edges.
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  // Measured (bench/mapBench.ts): merging parallel edge routes and a lighter crossing sweep cut
  // layout time several-fold on a busy machine, with the same layers.
  'elk.layered.mergeEdges': 'true',
  'elk.layered.thoroughness': '2',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.separateConnectedComponents': 'true',
};

/** ELK's input for a map graph: sized nodes and client→server edges. */
export function toElkGraph(graph: MapGraph): ElkNode {
  return {
    id: 'root',
    layoutOptions: ELK_LAYOUT_OPTIONS,
    children: graph.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.kind] })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** Top-left positions by node id from ELK's laid-out graph. */
export function positionsFromElk(laidOut: ElkNode): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const c of laidOut.children ?? []) out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
  return out;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Each edge's route as ELK drew it (start, bends, end), by edge id. Drawn as it is, the map's
 * arrows follow the layered layout around the nodes rather than cutting across them.
 */
export function routesFromElk(laidOut: ElkNode): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const e of laidOut.edges ?? []) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) {
      // A section starts where the previous one ended: keep that point once.
      const last = points.at(-1);
      if (!last || last.x !== s.startPoint.x || last.y !== s.startPoint.y)
        points.push({ x: s.startPoint.x, y: s.startPoint.y });
      for (const b of s.bendPoints ?? []) points.push({ x: b.x, y: b.y });
      points.push({ x: s.endPoint.x, y: s.endPoint.y });
    }
    if (points.length >= 2) out.set(e.id, points);
  }
  return out;
}
