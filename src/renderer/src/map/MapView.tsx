/**
 * The Map tab: who talks to whom on this machine. The graph comes from the (filtered) snapshot
 * through src/common/viewModel/map (aggregation rules there); ELK lays it out off the main thread,
 * again only when the set of nodes and edges changes, so live refresh updates counts cheaply.
 */
import { useCallback, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTheme, type Theme } from '@mui/material/styles';
import { Background, Controls, Panel, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { Snapshot } from '../../../common/model/model';
import { ProcessStoryDrawer } from '../story/ProcessStory';
import { warmUpLayout } from './elkLayout';
import { LayoutStatus } from './LayoutStatus';
import { MapBoxes } from './MapBoxes';
import { MapLegend } from './MapLegend';
import { MapEdges, type EdgeColors } from './MapEdges';
import { mapThemeVars, NODE_TYPES, type FlowNode } from './MapNodes';
import { useElkLayout } from './useElkLayout';
import { useMapChoices } from './useMapChoices';
import { MIN_ZOOM, useMapDrawing } from './useMapDrawing';

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

/** The colours of the edges (drawn in SVG) and the CSS variables map.css reads. */
function useMapColors(theme: Theme) {
  const edgeColors = useMemo<EdgeColors>(
    () => ({
      line: theme.palette.text.secondary,
      text: theme.palette.text.primary,
      halo: theme.palette.background.paper,
    }),
    [theme],
  );
  const themeVars = useMemo(() => mapThemeVars(theme), [theme]);
  return { edgeColors, themeVars };
}

/** The legend (top right) and, while a layout is pending or failed, its status (top left). */
function MapPanels({
  map,
  pending,
  error,
}: {
  map: ReturnType<typeof useMapChoices>;
  pending: boolean;
  error: string | null;
}) {
  return (
    <>
      <Panel position="top-right">
        <MapLegend
          stats={map.graph.stats}
          expandedGroups={map.expanded.size}
          showingAll={map.showAll}
          onShowAll={map.onShowAll}
          onCollapse={map.onCollapse}
        />
      </Panel>
      {(pending || error) && (
        <Panel position="top-left">
          <LayoutStatus error={error} />
        </Panel>
      )}
    </>
  );
}

function MapCanvas({ snapshot, full, filterText = '' }: Props) {
  const theme = useTheme();
  const map = useMapChoices(snapshot, full, filterText);
  const { graph, activate } = map;
  const { layout, error, pending } = useElkLayout(graph, snapshot.takenAt, map.intent);
  const { nodes, shownNodes, shownEdges, drawn, onMoveStart } = useMapDrawing(
    graph,
    layout,
    map.onExpand,
    map.onShowAll,
  );

  // On a busy map every label at once is a blur: then only the hovered node's edges are labelled
  // (every edge keeps its accessible name).
  const [hovered, setHovered] = useState<string | null>(null);
  const { edgeColors, themeVars } = useMapColors(theme);
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  // Stable handlers: xyflow copies each handler prop into its store when it changes, and every
  // store change runs every node's selectors; the map re-renders once per frame while it draws.
  const onNodeClick = useCallback((_e: unknown, n: { id: string }) => activate(byId.get(n.id)), [activate, byId]);
  const onNodeMouseEnter = useCallback((_e: unknown, n: { id: string }) => setHovered(n.id), []);
  const onNodeMouseLeave = useCallback(() => setHovered(null), []);

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
          {layout && graph.boxes && <MapBoxes boxes={graph.boxes} rects={layout.boxes} />}
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
          <MapPanels map={map} pending={pending} error={error} />
        </ReactFlow>
      )}
      <ProcessStoryDrawer snapshot={full} pid={map.openPid} onClose={map.closeStory} onOpenProcess={map.setOpenPid} />
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
