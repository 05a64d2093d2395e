/**
 * The identity of a pid as the OS tells it right now, read just before acting. Linux reads
 * /proc/<pid> through the same reader the procfs collector uses (so start times compare to the
 * tick); elsewhere systeminformation's process list, which the snapshot came from there too.
 */
import { readProcessInfo } from '../collectors/procfs/processInfo';
import { tryReadProcText } from '../collectors/procfs/readProcFile';
import type { ProcessIdentity } from '../../common/actions/identity';

export interface CurrentProcess extends ProcessIdentity {
  ppid: number | null;
  user: string | null;
}

/** The process now behind `pid`, or null when none is (a zombie has exited: only its entry is left). */
export async function readCurrentProcess(pid: number, procRoot = '/proc'): Promise<CurrentProcess | null> {
  if (process.platform === 'linux') {
    const stat = tryReadProcText(`${procRoot}/${pid}/stat`, 'utf8');
    if (stat === null || /\) [ZX] /.test(stat)) return null;
    const info = readProcessInfo(pid, procRoot);
    if (!info) return null;
    return { pid, startedAt: info.startedAt, path: info.path, ppid: info.ppid, user: info.user };
  }
  const si = await import('systeminformation');
  const list = await si.processes();
  const p = list.list.find((x) => x.pid === pid);
  if (!p) return null;
  const started = p.started ? new Date(p.started.replace(' ', 'T')) : null;
  return {
    pid,
    startedAt: started && !Number.isNaN(started.getTime()) ? started.toISOString() : null,
    path: p.path || null,
    ppid: p.parentPid ?? null,
    user: p.user || null,
  };
}
