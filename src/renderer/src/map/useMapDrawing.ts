/**
 * Drawing a laid-out map: the xyflow nodes, drawn a slice per frame (useProgressive) with each
 * edge once both its ends are drawn; the view fitted to each new layout until the user moves it;
 * and the `sockeye:map-painted` mark once all of it is on screen.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { getNodesBounds, getViewportForBounds, useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import type { MapEdge, MapGraph } from '../../../common/viewModel/map/mapGraph';
import { markPaintAfterRender } from '../state/perfMarks';
import { flowNodes } from './flowNodes';
import type { FlowNode, MapNodeData } from './MapNodes';
import type { Layout } from './useElkLayout';
import { useProgressive } from './useProgressive';

export const MIN_ZOOM = 0.05;
const FIT = { padding: 0.1, maxZoom: 1.2 };
// Measured (bench/mapBench.ts, worst long task of 5 cold loads at 64 nodes, 455 arrows): 16 and
// 150 per frame left ~300 ms, 8 and 75 ~250 ms, 4 and 40 ~140 ms; the map takes ~0.5 s to fill.
const NODES_PER_FRAME = 4;
const EDGES_PER_FRAME = 40;
const nodeId = (n: FlowNode) => n.id;
const edgeId = (e: MapEdge) => e.id;

/** The view that fits these nodes into a box of this size, as xyflow's fitView would work it out. */
function viewportFor(nodes: FlowNode[], width: number, height: number): Viewport {
  if (nodes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(getNodesBounds(nodes), width, height, MIN_ZOOM, FIT.maxZoom, FIT.padding);
}

export function useMapDrawing(
  graph: MapGraph,
  layout: Layout | null,
  onExpand: MapNodeData['onExpand'],
  onShowAll: MapNodeData['onShowAll'],
) {
  const nodes = useMemo(() => flowNodes(graph, layout, { onExpand, onShowAll }), [graph, layout, onExpand, onShowAll]);

  // The labelling rule (MapEdges) looks at every edge, drawn yet or not, so it does not flip.
  const { shown: shownNodes, done: nodesDone } = useProgressive(nodes, nodeId, NODES_PER_FRAME);
  const routedEdges = useMemo(() => {
    if (!layout) return [];
    const drawn = new Set(shownNodes.map((n) => n.id));
    return graph.edges.filter((e) => layout.routes.has(e.id) && drawn.has(e.source) && drawn.has(e.target));
  }, [graph, layout, shownNodes]);
  const { shown: shownEdges, done: edgesDone } = useProgressive(routedEdges, edgeId, EDGES_PER_FRAME);
  const drawn = layout !== null && nodesDone && edgesDone;

  // Fit the view to each new layout until the user pans or zooms themselves: worked out from all
  // of the layout's nodes (drawn at their ELK size), so it holds while they are still coming in.
  const flow = useReactFlow();
  const store = useStoreApi();
  const userMoved = useRef(false);
  useEffect(() => {
    if (!layout || userMoved.current) return;
    const { width, height } = store.getState();
    void flow.setViewport(viewportFor(nodes, width, height));
    // Only a new layout moves the view; a refresh of the same one does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `nodes` follows `layout`
  }, [layout, flow, store]);
  useEffect(() => {
    if (drawn) markPaintAfterRender('sockeye:map-painted');
  }, [drawn, layout]);
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (e) userMoved.current = true;
  }, []);

  return { nodes, shownNodes, shownEdges, drawn, onMoveStart };
}
