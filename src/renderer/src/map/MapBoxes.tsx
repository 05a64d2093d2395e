/**
 * Containers and network namespaces as labelled boxes behind their process nodes, where ELK put
 * them (compound nodes: elkGraph.ts). Drawn in the flow's own coordinates, so they pan and zoom
 * with the nodes; they take no clicks (the nodes inside do).
 */
import { ViewportPortal } from '@xyflow/react';
import type { MapBox } from '../../../common/viewModel/map/mapGraph';
import type { BoxRect } from '../../../common/viewModel/map/elkGraph';
import { visibleText } from '../ui/visibleText';

export function MapBoxes({ boxes, rects }: { boxes: readonly MapBox[]; rects: ReadonlyMap<string, BoxRect> }) {
  return (
    <ViewportPortal>
      {boxes.map((b) => {
        const r = rects.get(b.id);
        if (!r) return null;
        return (
          <div
            key={b.id}
            className="sk-box"
            data-box={b.id}
            role="group"
            aria-label={`${b.label}: ${b.nodeIds.length} node${b.nodeIds.length === 1 ? '' : 's'}`}
            style={{ transform: `translate(${r.x}px, ${r.y}px)`, width: r.width, height: r.height }}
          >
            <span className="sk-box-label">{visibleText(b.label)}</span>
          </div>
        );
      })}
    </ViewportPortal>
  );
}
