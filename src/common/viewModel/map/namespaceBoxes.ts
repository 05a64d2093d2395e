/**
 * The Map's boxes: each container or network namespace other than the host's is drawn as a box
 * around its process nodes (an ELK compound node, laid out with what is inside it). A node stands
 * in a box only when every process it draws is in that place: a group or "+N more" mixing
 * places stays outside.
 */
import type { Process, Snapshot } from '../../model/model';
import { placeOf } from '../../containers/namespaceText';
import type { MapBox, MapNode } from './mapTypes';

export function namespaceBoxes(snapshot: Snapshot, nodes: readonly MapNode[]): MapBox[] {
  if (!snapshot.namespaces || snapshot.namespaces.length < 2) return [];
  const procs = new Map<number, Process>(snapshot.processes.map((p) => [p.pid, p]));
  const boxes = new Map<string, MapBox>();
  for (const n of nodes) {
    if (n.kind !== 'process' && n.kind !== 'group') continue;
    let key: string | null = null;
    let label = '';
    for (const pid of n.pids) {
      const p = procs.get(pid);
      const place = p ? placeOf(p.netns, p.container, snapshot.namespaces) : null;
      const k = place ? `box:${place.netns ?? place.text}` : null;
      if (key !== null && k !== key) {
        key = null;
        break;
      }
      key = k;
      label = place?.text ?? '';
      if (k === null) break;
    }
    if (key === null) continue;
    const box = boxes.get(key);
    if (box) box.nodeIds.push(n.id);
    else boxes.set(key, { id: key, label, nodeIds: [n.id] });
  }
  return [...boxes.values()];
}
