/**
 * Which index a history query can use: a filter that is exactly one port (`port:5432`, `lport:`,
 * `rport:`) or one pid (`pid:1234`) goes to the database's port or pid index instead of reading
 * every event in the span; the filter still runs on what comes back, so the answer is the same.
 */
import type { FilterAst } from '../filter';

export interface IndexHint {
  port?: number;
  pid?: number;
}

export function indexHint(ast: FilterAst | null): IndexHint {
  const root = ast?.root;
  if (!root || root.type !== 'field') return {};
  const v = root.value;
  if (v.kind !== 'ports' && v.kind !== 'numbers') return {};
  if (v.ranges.length !== 1 || v.ranges[0]![0] !== v.ranges[0]![1]) return {};
  const n = v.ranges[0]![0];
  if (root.field === 'port' || root.field === 'lport' || root.field === 'rport') return { port: n };
  if (root.field === 'pid') return { pid: n };
  return {};
}
