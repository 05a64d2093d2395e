/**
 * The filter applied once for every view: the filtered snapshot and the "new"/"gone" changes
 * that match it (the filter itself arrives as a transition: see filterStore.ts).
 */
import { useEffect, useMemo, useRef } from 'react';
import { compileFilter, filterSnapshot, processesByPid, type FilterAst } from '../../../common/filter';
import type { Snapshot } from '../../../common/model/model';
import type { Changes } from '../state/useSnapshot';

export interface Filtered {
  snapshot: Snapshot | null;
  changes: Changes;
  /** The text of the filter the snapshot was filtered with ('' for none). */
  source: string;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameRows(a: Snapshot, b: Snapshot): boolean {
  return (
    a.host === b.host &&
    a.interfaces === b.interfaces &&
    sameList(a.sockets, b.sockets) &&
    sameList(a.processes, b.processes) &&
    sameList(a.edges, b.edges)
  );
}

export function useFilteredSnapshot(full: Snapshot | null, changes: Changes, filter: FilterAst): Filtered {
  const namespaces = full?.namespaces;
  const predicate = useMemo(() => compileFilter(filter, namespaces), [filter, namespaces]);
  const previous = useRef<Snapshot | null>(null);
  const snapshot = useMemo(() => {
    const next = full ? filterSnapshot(full, filter) : null;
    // Typing `port:44` then `port:443` often selects the same rows: keep the old object so the
    // grids have nothing to redo.
    const prev = previous.current;
    if (next && prev && next !== prev && prev.takenAt === next.takenAt && sameRows(prev, next)) return prev;
    return next;
  }, [full, filter]);
  useEffect(() => {
    previous.current = snapshot;
  }, [snapshot]);
  const filteredChanges = useMemo<Changes>(() => {
    if (filter.root === null) return changes;
    const procs = full ? processesByPid(full.processes) : new Map();
    const gone = changes.gone.filter((g) =>
      predicate(g.socket, g.process ?? (g.socket.pid === null ? undefined : procs.get(g.socket.pid))),
    );
    const gonePids = new Set(gone.map((g) => g.socket.pid));
    return {
      ...changes,
      gone,
      processesGone: changes.processesGone?.filter((g) => gonePids.has(g.process.pid) || predicate(null, g.process)),
    };
  }, [changes, filter, predicate, full]);
  return { snapshot, changes: filteredChanges, source: filter.root === null ? '' : filter.source.trim() };
}
