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

/**
 * With boxes (containers, namespaces), their nodes are children of a compound node laid out with
 * the rest (edges may cross into a box), and every coordinate ELK returns is the root's.
 */
const BOXED_OPTIONS: Record<string, string> = {
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};
/** Room inside a box: its label on top. */
const BOX_PADDING = '[top=34,left=14,bottom=14,right=14]';

/** ELK's input for a map graph: sized nodes and client→server edges, boxed nodes inside their box. */
export function toElkGraph(graph: MapGraph): ElkNode {
  const boxes = graph.boxes ?? [];
  const boxOf = new Map<string, string>();
  for (const b of boxes) for (const id of b.nodeIds) boxOf.set(id, b.id);
  const sized = (n: MapGraph['nodes'][number]): ElkNode => ({ id: n.id, ...NODE_SIZE[n.kind] });
  const children: ElkNode[] = graph.nodes.filter((n) => !boxOf.has(n.id)).map(sized);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const b of boxes) {
    children.push({
      id: b.id,
      layoutOptions: { 'elk.padding': BOX_PADDING },
      children: b.nodeIds.flatMap((id) => (byId.has(id) ? [sized(byId.get(id)!)] : [])),
    });
  }
  return {
    id: 'root',
    layoutOptions: boxes.length > 0 ? { ...ELK_LAYOUT_OPTIONS, ...BOXED_OPTIONS } : ELK_LAYOUT_OPTIONS,
    children,
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** Top-left positions by node id from ELK's laid-out graph (boxed nodes too; boxes themselves left out). */
export function positionsFromElk(laidOut: ElkNode): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  for (const c of laidOut.children ?? []) {
    if (c.children && c.id.startsWith('box:')) for (const k of c.children) out.set(k.id, { x: k.x ?? 0, y: k.y ?? 0 });
    else out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
  }
  return out;
}

export interface BoxRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Each box's rectangle by box id. */
export function boxesFromElk(laidOut: ElkNode): Map<string, BoxRect> {
  const out = new Map<string, BoxRect>();
  for (const c of laidOut.children ?? [])
    if (c.id.startsWith('box:'))
      out.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
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
