/**
 * What the reader chose on the map (groups expanded, "show all", the process whose story is open)
 * and the graph those choices give. `intent` names the choices: a change of it is laid out at once.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Snapshot } from '../../../common/model/model';
import { buildMapGraph, type MapNode } from '../../../common/viewModel/map/mapGraph';
import { useNameLookup } from '../story/useNameLookup';

export function useMapChoices(snapshot: Snapshot, full: Snapshot, filterText: string) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [openPid, setOpenPid] = useState<number | null>(null);
  const names = useNameLookup(full);
  const graph = useMemo(
    () => buildMapGraph(snapshot, { expanded, names, ...(showAll ? { maxNodes: Infinity, maxEdges: Infinity } : {}) }),
    [snapshot, expanded, names, showAll],
  );
  const intent = `${filterText}|${[...expanded].sort().join(',')}|${showAll}`;

  const onExpand = useCallback((id: string) => setExpanded((old) => new Set(old).add(id)), []);
  const onShowAll = useCallback(() => setShowAll(true), []);
  /** A click or Enter on a node: a process opens its story, a group expands, "+N more" shows all. */
  const activate = useCallback(
    (n: MapNode | undefined) => {
      if (!n) return;
      if (n.kind === 'process') setOpenPid(n.pids[0]!);
      else if (n.kind === 'group') onExpand(n.id);
      else if (n.kind === 'more') onShowAll();
    },
    [onExpand, onShowAll],
  );
  const onCollapse = useCallback(() => {
    setExpanded(new Set());
    setShowAll(false);
  }, []);
  const closeStory = useCallback(() => setOpenPid(null), []);
  return {
    graph,
    intent,
    expanded,
    showAll,
    openPid,
    setOpenPid,
    onExpand,
    onShowAll,
    activate,
    onCollapse,
    closeStory,
  };
}
