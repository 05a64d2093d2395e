/** The map graph's nodes as xyflow nodes, placed where the last layout put them. */
import type { MapGraph } from '../../../common/viewModel/map/mapGraph';
import { NODE_SIZE } from '../../../common/viewModel/map/elkGraph';
import type { FlowNode, MapNodeData } from './MapNodes';
import type { Layout } from './useElkLayout';

export function flowNodes(
  graph: MapGraph,
  layout: Layout | null,
  actions: Pick<MapNodeData, 'onExpand' | 'onShowAll'>,
): FlowNode[] {
  if (!layout) return [];
  const out: FlowNode[] = [];
  for (const n of graph.nodes) {
    const position = layout.positions.get(n.id);
    if (!position) continue; // new since the last layout: drawn once the next one lands
    out.push({
      id: n.id,
      type: n.kind,
      position,
      data: { node: n, onExpand: actions.onExpand, onShowAll: actions.onShowAll },
      ariaLabel: n.ariaLabel,
      draggable: false,
      connectable: false,
      ...NODE_SIZE[n.kind],
      // Drawn at exactly this size, so xyflow need not wait for a measurement to fit the view.
      measured: NODE_SIZE[n.kind],
      // The pids a node stands for, so a process can be found inside a group or "+N more".
      domAttributes: { 'data-kind': n.kind, 'data-pids': n.pids.join(' ') } as Record<string, string>,
    });
  }
  return out;
}
