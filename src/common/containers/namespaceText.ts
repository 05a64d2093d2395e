/**
 * Where a process or socket runs, in words: its container (name, else `runtime id12`), else its
 * namespace's `ip netns` name or inode; empty for the host's namespace (and for files without
 * namespaces). The Processes view's column, the Map's boxes and the filter menu read it.
 */
import type { Container, Namespace } from '../model/model';
import { containerText, shortContainerId } from './cgroupContainer';

export interface Place {
  /** Shown: `web`, `docker 3f1c2a9b8e7d`, `netns blue`, `netns 4026532177`. */
  text: string;
  /** The filter term that selects it: `container:web`, `netns:blue` … */
  filter: { field: 'container' | 'netns'; value: string };
  /** Groups the Map's boxes: one per namespace (a pod's containers share one). */
  netns: number | null;
}

/** The place of a holder with `netns` and `container` (null: the host's namespace). */
export function placeOf(
  netns: number | null | undefined,
  container: Container | null | undefined,
  namespaces: readonly Namespace[] | undefined,
): Place | null {
  const ns = netns == null ? undefined : namespaces?.find((n) => n.inode === netns);
  const c = container ?? ns?.container ?? null;
  if (c) {
    return {
      text: containerText(c),
      filter: { field: 'container', value: c.name ?? shortContainerId(c) },
      netns: netns ?? null,
    };
  }
  if (!ns || ns.host) return null;
  const value = ns.name ?? String(ns.inode);
  return { text: `netns ${value}`, filter: { field: 'netns', value }, netns: ns.inode };
}
