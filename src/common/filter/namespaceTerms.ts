/**
 * The filter's namespace terms. `netns:` reads the socket's namespace (else its owner's):
 * `host`, an inode, or an `ip netns` name; a socket or process without one (older files, other
 * collectors) is in the host's. `container:` reads the owner's container, else the container of
 * the socket's namespace (a hidden owner's socket in a container's namespace), by name or id prefix.
 */
import type { Container, Namespace, Process, Socket } from '../model/model';
import type { FieldValue } from './ast';
import { containerText } from '../containers/cgroupContainer';

export interface FilterContext {
  namespaces: readonly Namespace[];
}

type TextValue = Extract<FieldValue, { kind: 'pattern' | 'exact' }>;
type Predicate = (socket: Socket | null, process: Process | undefined) => boolean;

const netnsOf = (s: Socket | null, p: Process | undefined): number | null => s?.netns ?? p?.netns ?? null;

/** Exact (case-insensitive) or glob, as the evaluator's text test for `exact` fields. */
type TextTest = (text: string | null | undefined) => boolean;

function netnsPredicate(value: TextValue, named: TextTest, { namespaces }: FilterContext): Predicate {
  const host = namespaces.find((n) => n.host)?.inode ?? null;
  if (value.text === 'host') return (s, p) => ((ns) => ns === null || ns === host)(netnsOf(s, p));
  if (/^\d+$/.test(value.text)) {
    const inode = Number(value.text);
    // The host's inode also names sockets recorded without one.
    return (s, p) => ((ns) => ns === inode || (ns === null && inode === host))(netnsOf(s, p));
  }
  const inodes = new Set(namespaces.filter((n) => named(n.name)).map((n) => n.inode));
  return (s, p) => ((ns) => ns !== null && inodes.has(ns))(netnsOf(s, p));
}

function containerPredicate(value: TextValue, named: TextTest, { namespaces }: FilterContext): Predicate {
  const test = (c: Container | null | undefined) =>
    c != null &&
    (named(c.name) || named(containerText(c)) || (!value.glob && c.id.toLowerCase().startsWith(value.text)));
  const byInode = new Map(namespaces.map((n) => [n.inode, n.container]));
  return (s, p) => {
    if (p?.container) return test(p.container);
    const ns = netnsOf(s, p);
    return ns !== null && test(byInode.get(ns));
  };
}

export function namespaceMatcher(
  field: 'netns' | 'container',
  value: FieldValue,
  named: TextTest,
  context: FilterContext,
): Predicate {
  if (value.kind !== 'pattern' && value.kind !== 'exact') return () => false;
  return field === 'netns' ? netnsPredicate(value, named, context) : containerPredicate(value, named, context);
}
