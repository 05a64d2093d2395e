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
import {
  Background,
  Controls,
  getNodesBounds,
  getViewportForBounds,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi,
  type Viewport,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Snapshot } from '../../../../shared/model';
import { buildMapGraph, type MapEdge, type MapGraph, type MapNode } from '../../../../shared/graph/mapGraph';
import { NODE_SIZE, positionsFromElk, routesFromElk, toElkGraph, type Point } from '../../../../shared/graph/elkGraph';
import { markPaintAfterRender } from '../gridDefaults';
import { ProcessStoryDrawer } from '../story/ProcessStory';
import { useNameLookup } from '../story/useNameLookup';
import { layoutGraph, warmUpLayout, type LayoutThread } from './elkLayout';
import { MapLegend } from './MapLegend';
import { MapEdges, type EdgeColors } from './MapEdges';
import { mapThemeVars, NODE_TYPES, type FlowNode } from './MapNodes';
import { useProgressive } from './useProgressive';

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

/** Up to this many arrows the map is small: every arrow labelled and drawn along ELK's route (MapEdges). */
const SMALL_MAP_EDGES = 60;

const MIN_ZOOM = 0.05;
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

interface Layout {
  key: string;
  positions: Map<string, Point>;
  routes: Map<string, Point[]>;
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

function useElkLayout(
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
        setLayout({ key: k, positions: positionsFromElk(result), routes: routesFromElk(result), thread });
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

/** "Laying out the map…", or why it could not be. */
function LayoutStatus({ error }: { error: string | null }) {
  if (error) return <Alert severity="error">Could not lay out the map: {error}</Alert>;
  return (
    <Box
      role="status"
      sx={{
        display: 'flex',
        gap: 1,
        alignItems: 'center',
        bgcolor: 'background.paper',
        p: 1,
        borderRadius: 1,
        width: 'fit-content',
      }}
    >
      <CircularProgress size={16} aria-label="Laying out the map" />
      <Typography variant="body2">Laying out the map…</Typography>
    </Box>
  );
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
  const edgeColors = useMemo<EdgeColors>(
    () => ({
      line: theme.palette.text.secondary,
      text: theme.palette.text.primary,
      halo: theme.palette.background.paper,
    }),
    [theme],
  );

  // A new layout is drawn a slice per frame (useProgressive): nodes, and each edge once both its
  // ends are drawn. The labelling rule looks at every edge, drawn yet or not, so it does not flip.
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

  const themeVars = useMemo(() => mapThemeVars(theme), [theme]);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  // Stable handlers: xyflow copies each handler prop into its store when it changes, and every
  // store change runs every node's selectors; the map re-renders once per frame while it draws.
  const onNodeClick = useCallback((_e: unknown, n: { id: string }) => activate(byId.get(n.id)), [activate, byId]);
  const onNodeMouseEnter = useCallback((_e: unknown, n: { id: string }) => setHovered(n.id), []);
  const onNodeMouseLeave = useCallback(() => setHovered(null), []);
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (e) userMoved.current = true;
  }, []);
  const onCollapse = useCallback(() => {
    setExpanded(new Set());
    setShowAll(false);
  }, []);
  const closeStory = useCallback(() => setOpenPid(null), []);

  return (
    <Box
      role="region"
      aria-label="Map of who talks to whom"
      data-layout-thread={layout?.thread}
      data-layout-state={error ? 'error' : pending ? 'pending' : drawn ? 'ready' : 'drawing'}
      style={themeVars}
      sx={{ height: '100%', minHeight: 400, position: 'relative' }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        if (id) activate(byId.get(id));
      }}
    >
      {graph.nodes.length === 0 ? (
        <Typography sx={{ p: 3 }}>
          No process in this view listens or talks to another (a filter may hide them).
        </Typography>
      ) : (
        <ReactFlow
          nodes={shownNodes as FlowNode[]}
          nodeTypes={NODE_TYPES}
          colorMode={theme.palette.mode}
          nodesDraggable={false}
          nodesConnectable={false}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          onlyRenderVisibleElements={nodes.length > 150}
          onNodeClick={onNodeClick}
          onNodeMouseEnter={onNodeMouseEnter}
          onNodeMouseLeave={onNodeMouseLeave}
          onMoveStart={onMoveStart}
        >
          {/* xyflow itself is mounted before the first layout, so its setup overlaps ELK's work. */}
          {layout && (
            <MapEdges
              edges={shownEdges}
              routes={layout.routes}
              small={graph.edges.length <= SMALL_MAP_EDGES}
              hovered={hovered}
              colors={edgeColors}
            />
          )}
          <Background gap={24} size={1} />
          <Controls showInteractive={false} aria-label="Map zoom and fit" />
          <Panel position="top-right">
            <MapLegend
              stats={graph.stats}
              expandedGroups={expanded.size}
              showingAll={showAll}
              onShowAll={onShowAll}
              onCollapse={onCollapse}
            />
          </Panel>
          {(pending || error) && (
            <Panel position="top-left">
              <LayoutStatus error={error} />
            </Panel>
          )}
        </ReactFlow>
      )}
      <ProcessStoryDrawer snapshot={full} pid={openPid} onClose={closeStory} onOpenProcess={setOpenPid} />
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
