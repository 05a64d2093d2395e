/**
 * The map's arrows: one SVG for all of them, each drawn along the route ELK gave it.
 *
 * Not xyflow's edges: xyflow wraps every edge in an SVG element of its own, and draws edges only
 * after measuring the nodes, in one synchronous render. At 455 edges that was a 370 ms task, most
 * of it the browser laying out and painting 455 separate SVG roots. One SVG of paths costs a
 * fraction of that. On a small map each arrow follows ELK's route, around the nodes rather than
 * across them; on a busy one the routes of long edges stack up into ladders between the layers,
 * so each arrow is a direct curve from the client's side to the server's, where ELK put its ends.
 */
import { memo, useId } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import { labelFontSize } from './labelSize';
import type { MapEdge } from '../../../common/viewModel/map/mapGraph';
import type { Point } from '../../../common/viewModel/map/elkGraph';
import { visibleText } from '../ui/visibleText';

export interface EdgeColors {
  line: string;
  text: string;
  halo: string;
}

/** The control points of a direct curve from the route's start to its end, leaving and arriving level. */
function curveOf(points: Point[]): [Point, Point, Point, Point] {
  const a = points[0]!;
  const b = points.at(-1)!;
  const dx = Math.max(40, Math.abs(b.x - a.x) / 2);
  return [a, { x: a.x + dx, y: a.y }, { x: b.x - dx, y: b.y }, b];
}

function pathOf(points: Point[], curved: boolean): string {
  if (curved) {
    const [a, c1, c2, b] = curveOf(points);
    return `M${a.x},${a.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${b.x},${b.y}`;
  }
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

/** Halfway along the arrow, where the label sits. */
function midpoint(points: Point[], curved: boolean): Point {
  if (curved) {
    const [a, c1, c2, b] = curveOf(points);
    return { x: (a.x + 3 * c1.x + 3 * c2.x + b.x) / 8, y: (a.y + 3 * c1.y + 3 * c2.y + b.y) / 8 };
  }
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

/**
 * Width by bytes per second where the snapshot has rates (1 px idle, ~4 px at 1 MB/s, at most
 * 8), else by connection count as before.
 */
export function edgeWidth(edge: MapEdge): number {
  if (edge.rate !== null) return Math.min(8, 1 + Math.log10(1 + edge.rate / 1000) * 1.0);
  return Math.min(1 + Math.log2(edge.count), 4);
}

interface LineProps {
  edge: MapEdge;
  points: Point[];
  curved: boolean;
  labelled: boolean;
  marker: string;
  colors: EdgeColors;
  /** Label size in map units, so that it is never drawn under MIN_LABEL_PX on screen. */
  fontSize: number;
}

const EdgeLine = memo(function EdgeLine({ edge, points, curved, labelled, marker, colors, fontSize }: LineProps) {
  const at = labelled ? midpoint(points, curved) : null;
  return (
    // The tooltip and the name carry process labels, anyone's text: invisible controls shown as marks.
    <g className="map-edge" data-id={edge.id} role="img" aria-label={visibleText(edge.ariaLabel)}>
      <title>{visibleText(edge.ariaLabel)}</title>
      <path
        d={pathOf(points, curved)}
        fill="none"
        stroke={colors.line}
        strokeWidth={edgeWidth(edge)}
        strokeDasharray={edge.remote ? '6 4' : undefined}
        markerEnd={`url(#${marker})`}
      />
      {at && (
        <text
          className="map-edge-label"
          x={at.x}
          y={at.y}
          // Beside the arrow (just above its middle), not on it: the line does not cross the text.
          dy="-0.45em"
          textAnchor="middle"
          fontSize={fontSize}
          fill={colors.text}
          stroke={colors.halo}
          strokeWidth={3}
          paintOrder="stroke"
        >
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
  /** A small map: every edge labelled and drawn along its route; else only the edges of `hovered` are labelled, and edges are direct curves. */
  small: boolean;
  hovered: string | null;
  colors: EdgeColors;
}

export const MapEdges = memo(function MapEdges({ edges, routes, small, hovered, colors }: Props) {
  const marker = `map-arrow-${useId().replace(/:/g, '')}`;
  const fontSize = useStore((s) => labelFontSize(s.transform[2]));
  return (
    <ViewportPortal>
      <svg className="map-edges" aria-label="Arrows from each client to the server it uses" role="group">
        <defs>
          <marker
            id={marker}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="12"
            markerHeight="12"
            markerUnits="userSpaceOnUse"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill={colors.line} />
          </marker>
        </defs>
        {edges.map((e) => {
          const points = routes.get(e.id);
          if (!points) return null;
          const labelled = small || e.source === hovered || e.target === hovered;
          return (
            <EdgeLine
              key={e.id}
              edge={e}
              points={points}
              curved={!small}
              labelled={labelled}
              marker={marker}
              colors={colors}
              fontSize={fontSize}
            />
          );
        })}
      </svg>
    </ViewportPortal>
  );
});
