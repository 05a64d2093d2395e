/**
 * The map's arrows: one SVG for all of them, each drawn along the route ELK gave it.
 *
 * Not xyflow's edges: xyflow wraps every edge in an SVG element of its own, and draws edges only
 * after measuring the nodes, in one synchronous render. At 455 edges that was a 370 ms task, most
 * of it the browser laying out and painting 455 separate SVG roots. One SVG of paths costs a
 * fraction of that, and ELK's routes go around nodes where xyflow's curves cut across them.
 */
import { memo, useId } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { MapEdge } from '../../../../shared/graph/mapGraph';
import type { Point } from '../../../../shared/graph/elkGraph';

export interface EdgeColors {
  line: string;
  text: string;
  halo: string;
}

function pathOf(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

/** Halfway along the route, where the label sits. */
function midpoint(points: Point[]): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  let left = lengths.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (left <= len && len > 0) {
      const a = points[i]!;
      const b = points[i + 1]!;
      return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    }
    left -= len;
  }
  return points[0]!;
}

const EdgeLine = memo(function EdgeLine({ edge, points, labelled, marker, colors }: { edge: MapEdge; points: Point[]; labelled: boolean; marker: string; colors: EdgeColors }) {
  const at = labelled ? midpoint(points) : null;
  return (
    <g className="map-edge" data-id={edge.id} role="img" aria-label={edge.ariaLabel}>
      <path
        d={pathOf(points)}
        fill="none"
        stroke={colors.line}
        strokeWidth={Math.min(1 + Math.log2(edge.count), 4)}
        strokeDasharray={edge.remote ? '6 4' : undefined}
        markerEnd={`url(#${marker})`}
      />
      {at && (
        <text className="map-edge-label" x={at.x} y={at.y} dy="0.35em" textAnchor="middle" fontSize={10} fill={colors.text} stroke={colors.halo} strokeWidth={3} paintOrder="stroke">
          {edge.label}
        </text>
      )}
    </g>
  );
});

interface Props {
  /** The edges to draw: each must have a route. */
  edges: readonly MapEdge[];
  routes: Map<string, Point[]>;
  /** Label every edge; else only the edges of `hovered`. */
  labelAll: boolean;
  hovered: string | null;
  colors: EdgeColors;
}

export const MapEdges = memo(function MapEdges({ edges, routes, labelAll, hovered, colors }: Props) {
  const marker = `map-arrow-${useId().replace(/:/g, '')}`;
  return (
    <ViewportPortal>
      <svg className="map-edges" aria-label="Arrows from each client to the server it uses" role="group">
        <defs>
          <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill={colors.line} />
          </marker>
        </defs>
        {edges.map((e) => {
          const points = routes.get(e.id);
          if (!points) return null;
          const labelled = labelAll || e.source === hovered || e.target === hovered;
          return <EdgeLine key={e.id} edge={e} points={points} labelled={labelled} marker={marker} colors={colors} />;
        })}
      </svg>
    </ViewportPortal>
  );
});
