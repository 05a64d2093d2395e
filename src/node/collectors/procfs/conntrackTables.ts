/**
 * Conntrack tables, one per network namespace: the host's `/proc/net/nf_conntrack` and each other
 * namespace's through the process its socket tables were read through
 * (`/proc/<pid>/net/nf_conntrack`). Root-only (0440) and present only while the nf_conntrack
 * module is loaded, so EACCES and ENOENT mean "not readable here" and say nothing; any other
 * failure, as root, is one line in the snapshot's warnings. Bad lines are skipped and counted.
 */
import type { Namespace } from '../../../common/model/model';
import { parseConntrack, type CollectedConntrack } from '../../../common/nat/conntrack';
import { readProcText } from './readProcFile';

const quiet = new Set(['EACCES', 'ENOENT', 'EPERM', 'ESRCH']);

/** One table, or null when it cannot be read. */
export function readConntrackTable(
  path: string,
  netns: number | null,
  warnings: string[],
  root = process.getuid?.() === 0,
): CollectedConntrack | null {
  let text: string;
  try {
    text = readProcText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (root && !quiet.has(code)) warnings.push(`conntrack: ${path} unreadable (${code || (err as Error).message})`);
    return null;
  }
  // Only DNAT entries are kept: the rest of a busy table (tens of thousands of lines) is skipped unbuilt.
  const { entries, bad } = parseConntrack(text, true);
  if (bad > 0) warnings.push(`conntrack: ${bad} malformed line${bad === 1 ? '' : 's'} in ${path} skipped`);
  return { netns, entries };
}

/** The host's table and every readable namespace's. */
export function readConntrackTables(
  namespaces: readonly Namespace[] | null,
  hostNetns: number | null,
  procRoot: string,
  warnings: string[],
): CollectedConntrack[] {
  const out: CollectedConntrack[] = [];
  const host = readConntrackTable(`${procRoot}/net/nf_conntrack`, hostNetns, warnings);
  if (host) out.push(host);
  for (const ns of namespaces ?? []) {
    if (ns.host || ns.pid === null) continue;
    const t = readConntrackTable(`${procRoot}/${ns.pid}/net/nf_conntrack`, ns.inode, warnings);
    if (t) out.push(t);
  }
  return out;
}
