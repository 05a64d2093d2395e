/**
 * The map's ELK layout, worked out off the main thread (elkLayout.ts) only when the graph's
 * structure changes; new live data waits LIVE_RELAYOUT_MS after the last layout, so the map does
 * not jump under the reader's eyes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapGraph } from '../../../common/viewModel/map/mapGraph';
import {
  boxesFromElk,
  positionsFromElk,
  routesFromElk,
  toElkGraph,
  type BoxRect,
  type Point,
} from '../../../common/viewModel/map/elkGraph';
import { layoutGraph, type LayoutThread } from './elkLayout';

export interface Layout {
  key: string;
  positions: Map<string, Point>;
  routes: Map<string, Point[]>;
  /** Container and namespace boxes (empty without). */
  boxes: Map<string, BoxRect>;
  thread: LayoutThread;
}

/** Changes only when a node or edge appears or goes: the only time a new layout is worth it. */
function structureKey(g: MapGraph): string {
  const boxes = (g.boxes ?? []).map((b) => `${b.id}:${b.nodeIds.join('+')}`).join(',');
  return `${g.nodes.map((n) => `${n.id}/${n.kind}`).join(',')}|${g.edges.map((e) => e.id).join(',')}|${boxes}`;
}

/**
 * Live refresh can change the map's structure every second; laying it out again that often would
 * make it jump under the reader's eyes. A new live snapshot waits this long after the last layout;
 * changes on the same data (filter, expand, show all) are laid out at once.
 */
const LIVE_RELAYOUT_MS = 5000;

export function useElkLayout(
  graph: MapGraph,
  takenAt: string,
  intent: string,
): { layout: Layout | null; error: string | null; pending: boolean } {
  const key = useMemo(() => structureKey(graph), [graph]);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ key, graph, takenAt, intent });
  latest.current = { key, graph, takenAt, intent };
  const state = useRef({
    running: false,
    timer: null as ReturnType<typeof setTimeout> | null,
    laidOut: null as string | null,
    last: null as { takenAt: string; intent: string; at: number } | null,
  });
  const schedule = useRef(() => {});
  schedule.current = () => {
    const s = state.current;
    const { key: k, graph: g, takenAt: t, intent: i } = latest.current;
    // One layout at a time; when it ends it looks at the latest graph again.
    if (s.running || s.timer || s.laidOut === k) return;
    // Only new live data waits; what the reader changed (filter, expand, show all) does not.
    const wait =
      s.last && s.last.takenAt !== t && s.last.intent === i ? s.last.at + LIVE_RELAYOUT_MS - performance.now() : 0;
    if (wait > 0) {
      s.timer = setTimeout(() => {
        s.timer = null;
        schedule.current();
      }, wait);
      return;
    }
    s.running = true;
    performance.mark('sockeye:map-layout-start');
    layoutGraph(toElkGraph(g))
      .then(({ result, thread }) => {
        performance.mark('sockeye:map-laid-out');
        setLayout({
          key: k,
          positions: positionsFromElk(result),
          routes: routesFromElk(result),
          boxes: boxesFromElk(result),
          thread,
        });
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        s.running = false;
        s.laidOut = k; // after an error too: the same graph is not retried in a loop
        s.last = { takenAt: t, intent: i, at: performance.now() };
        schedule.current();
      });
  };
  useEffect(() => schedule.current(), [key]);
  useEffect(() => {
    const s = state.current;
    return () => {
      if (s.timer) clearTimeout(s.timer);
    };
  }, []);

  return { layout, error, pending: layout?.key !== key };
}
