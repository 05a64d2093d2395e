/**
 * The Map tab: who talks to whom on this machine. The graph comes from the (filtered) snapshot
 * through src/shared/graph (aggregation rules there); ELK lays it out off the main thread,
 * again only when the set of nodes and edges changes, so live refresh updates counts cheaply.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { Background, Controls, MarkerType, Panel, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Snapshot } from '../../../../shared/model';
import { buildMapGraph, type MapGraph, type MapNode } from '../../../../shared/graph/mapGraph';
import { NODE_SIZE, positionsFromElk, toElkGraph } from '../../../../shared/graph/elkGraph';
import { markPaintAfterRender } from '../gridDefaults';
import { ProcessStoryDrawer } from '../story/ProcessStory';
import { useNameLookup } from '../story/useNameLookup';
import { layoutGraph, warmUpLayout, type LayoutThread } from './elkLayout';
import { MapLegend } from './MapLegend';
import { NODE_TYPES, type FlowNode } from './MapNodes';

interface Props {
  /** What the filter shows: the map draws this. */
  snapshot: Snapshot;
  /** Everything: stories are told from this. */
  full: Snapshot;
  /** The filter in force: a change of it is the reader's doing, laid out at once. */
  filterText?: string;
}

// This module loads when the Map tab first opens: start the layout worker now, so it compiles
// ELK while the graph is built and first rendered.
warmUpLayout();

const LABEL_ALL_EDGES_UP_TO = 60;

interface Layout {
  key: string;
  positions: Map<string, { x: number; y: number }>;
  thread: LayoutThread;
}

/** Changes only when a node or edge appears or goes: the only time a new layout is worth it. */
function structureKey(g: MapGraph): string {
  return `${g.nodes.map((n) => `${n.id}/${n.kind}`).join(',')}|${g.edges.map((e) => e.id).join(',')}`;
}

/**
 * Live refresh can change the map's structure every second; laying it out again that often would
 * make it jump under the reader's eyes. A new live snapshot waits this long after the last layout;
 * changes on the same data (filter, expand, show all) are laid out at once.
 */
const LIVE_RELAYOUT_MS = 5000;

function useElkLayout(graph: MapGraph, takenAt: string, intent: string): { layout: Layout | null; error: string | null; pending: boolean } {
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
    const wait = s.last && s.last.takenAt !== t && s.last.intent === i ? s.last.at + LIVE_RELAYOUT_MS - performance.now() : 0;
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
        setLayout({ key: k, positions: positionsFromElk(result), thread });
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

function MapCanvas({ snapshot, full, filterText = '' }: Props) {
  const theme = useTheme();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [openPid, setOpenPid] = useState<number | null>(null);
  const names = useNameLookup(full);
  const graph = useMemo(
    () => buildMapGraph(snapshot, { expanded, names, ...(showAll ? { maxNodes: Infinity, maxEdges: Infinity } : {}) }),
    [snapshot, expanded, names, showAll],
  );
  const intent = `${filterText}|${[...expanded].sort().join(',')}|${showAll}`;
  const { layout, error, pending } = useElkLayout(graph, snapshot.takenAt, intent);

  const onExpand = useCallback((id: string) => setExpanded((old) => new Set(old).add(id)), []);
  const onShowAll = useCallback(() => setShowAll(true), []);
  const activate = useCallback(
    (n: MapNode | undefined) => {
      if (!n) return;
      if (n.kind === 'process') setOpenPid(n.pids[0]!);
      else if (n.kind === 'group') onExpand(n.id);
      else if (n.kind === 'more') onShowAll();
    },
    [onExpand, onShowAll],
  );

  const nodes = useMemo<FlowNode[]>(() => {
    if (!layout) return [];
    const out: FlowNode[] = [];
    for (const n of graph.nodes) {
      const position = layout.positions.get(n.id);
      if (!position) continue; // new since the last layout: drawn once the next one lands
      out.push({
        id: n.id,
        type: n.kind,
        position,
        data: { node: n, onExpand, onShowAll },
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
  }, [graph, layout, onExpand, onShowAll]);

  // On a busy map every label at once is a blur: then only the hovered node's edges are labelled
  // (every edge keeps its accessible name).
  const [hovered, setHovered] = useState<string | null>(null);
  const edges = useMemo<Edge[]>(() => {
    if (!layout) return [];
    const color = theme.palette.text.secondary;
    const labelAll = graph.edges.length <= LABEL_ALL_EDGES_UP_TO;
    return graph.edges
      .filter((e) => layout.positions.has(e.source) && layout.positions.has(e.target))
      .map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: labelAll || e.source === hovered || e.target === hovered ? e.label : undefined,
        ariaLabel: e.ariaLabel,
        markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
        style: { stroke: color, strokeWidth: Math.min(1 + Math.log2(e.count), 4), ...(e.remote ? { strokeDasharray: '6 4' } : {}) },
        labelStyle: { fontSize: 10, fill: theme.palette.text.primary },
        labelBgStyle: { fill: theme.palette.background.paper, fillOpacity: 0.85 },
        labelBgPadding: [3, 1] as [number, number],
        focusable: false,
        selectable: false,
      }));
  }, [graph, layout, theme, hovered]);

  // Fit the view to a new layout (once xyflow has measured the nodes) until the user pans or
  // zooms themselves; mark the paint for the bench.
  const flow = useReactFlow();
  const measured = useNodesInitialized();
  const userMoved = useRef(false);
  useEffect(() => {
    if (!layout || !measured) return;
    if (!userMoved.current) void flow.fitView({ padding: 0.1, maxZoom: 1.2 });
    markPaintAfterRender('sockeye:map-painted');
  }, [layout, measured, flow]);

  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  return (
    <Box
      role="region"
      aria-label="Map of who talks to whom"
      data-layout-thread={layout?.thread}
      data-layout-state={error ? 'error' : pending ? 'pending' : 'ready'}
      sx={{ height: '100%', minHeight: 400, position: 'relative' }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        if (id) activate(byId.get(id));
      }}
    >
      {graph.nodes.length === 0 ? (
        <Typography sx={{ p: 3 }}>No process in this view listens or talks to another (a filter may hide them).</Typography>
      ) : (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={theme.palette.mode}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length > 150}
          onNodeClick={(_e, n) => activate(byId.get(n.id))}
          onNodeMouseEnter={(_e, n) => setHovered(n.id)}
          onNodeMouseLeave={() => setHovered(null)}
          onMoveStart={(e) => {
            if (e) userMoved.current = true;
          }}
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} aria-label="Map zoom and fit" />
          <Panel position="top-right">
            <MapLegend
              stats={graph.stats}
              expandedGroups={expanded.size}
              showingAll={showAll}
              onShowAll={onShowAll}
              onCollapse={() => {
                setExpanded(new Set());
                setShowAll(false);
              }}
            />
          </Panel>
          {(pending || error) && (
            <Panel position="top-left">
              {error ? (
                <Alert severity="error">Could not lay out the map: {error}</Alert>
              ) : (
                <Box role="status" sx={{ display: 'flex', gap: 1, alignItems: 'center', bgcolor: 'background.paper', p: 1, borderRadius: 1 }}>
                  <CircularProgress size={16} />
                  <Typography variant="body2">Laying out the map…</Typography>
                </Box>
              )}
            </Panel>
          )}
        </ReactFlow>
      )}
      <ProcessStoryDrawer snapshot={full} pid={openPid} onClose={() => setOpenPid(null)} onOpenProcess={setOpenPid} />
    </Box>
  );
}

/** The Map tab. */
export function MapView(props: Props) {
  return (
    <ReactFlowProvider>
      <MapCanvas {...props} />
    </ReactFlowProvider>
  );
}
