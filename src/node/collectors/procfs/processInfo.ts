/**
 * Facts about one process from /proc/<pid>: name, parent, start time, executable, command
 * line, working directory and user. Each read may fail on its own (the process exited, or
 * belongs to another user): that field becomes null and the rest is still reported.
 */
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import type { RawProcess } from '../../../common/model/collected';
import { tryReadProcText } from './readProcFile';
import { containerFromCgroup } from '../../../common/containers/cgroupContainer';

/** USER_HZ is 100 on every Linux ABI Node supports. */
const CLOCK_TICKS = 100;

let bootTimeMs: number | null | undefined;
function bootTime(procRoot: string): number | null {
  if (bootTimeMs !== undefined) return bootTimeMs;
  const stat = tryReadProcText(`${procRoot}/stat`);
  const m = stat ? /^btime (\d+)$/m.exec(stat) : null;
  bootTimeMs = m ? Number(m[1]) * 1000 : null;
  return bootTimeMs;
}

let users: { mtimeMs: number; byUid: Map<number, string> } | null = null;
/** uid → user name from /etc/passwd, re-read only when the file changes. */
export function userName(uid: number): string {
  try {
    const mtimeMs = statSync('/etc/passwd').mtimeMs;
    if (!users || users.mtimeMs !== mtimeMs) {
      const byUid = new Map<number, string>();
      for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const f = line.split(':');
        if (f.length >= 3 && f[0] && /^\d+$/.test(f[2]!)) byUid.set(Number(f[2]), f[0]);
      }
      users = { mtimeMs, byUid };
    }
  } catch {
    users ??= { mtimeMs: -1, byUid: new Map() };
  }
  return users.byUid.get(uid) ?? String(uid);
}

function tryReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

export interface ProcStat {
  name: string;
  ppid: number | null;
  /** Start time in clock ticks since boot: with the pid, it names a process uniquely. */
  startTicks: number | null;
}

/** Parse /proc/<pid>/stat; the name is in parentheses and may itself contain spaces and ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state); ppid is field 4, starttime field 22.
  const ppid = Number(rest[1]);
  const start = Number(rest[19]);
  return {
    name: text.slice(open + 1, close),
    ppid: Number.isInteger(ppid) ? ppid : null,
    startTicks: Number.isInteger(start) ? start : null,
  };
}

/**
 * The unit a process runs in, from /proc/<pid>/cgroup (cgroup v2 "0::/system.slice/nginx.service",
 * or v1's name=systemd line): the systemd unit when the path ends in one, else the path.
 */
export function unitFromCgroup(text: string | null): string | null {
  if (!text) return null;
  const line =
    text.split('\n').find((l) => l.startsWith('0::')) ?? text.split('\n').find((l) => l.includes(':name=systemd:'));
  if (!line) return null;
  const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1).trim();
  if (!path || path === '/') return null;
  const units = path
    .split('/')
    .filter((seg) => /\.(service|scope|socket|mount|slice)$/.test(seg) && !seg.endsWith('.slice'));
  return units.length > 0 ? units[units.length - 1]! : path;
}

/** Name and parent of a pid, for walking parent chains; one /proc read per pid per snapshot. */
export type StatCache = Map<number, ProcStat | null>;

/** `pid`'s parent chain, nearest first, up to PID 1 (or as far as /proc can be read). */
export function readAncestors(
  ppid: number | null,
  cache: StatCache,
  procRoot = '/proc',
): { pid: number; name: string }[] {
  const out: { pid: number; name: string }[] = [];
  for (let pid = ppid; pid !== null && pid > 0 && out.length < 64;) {
    let stat = cache.get(pid);
    if (stat === undefined) {
      const text = tryReadProcText(`${procRoot}/${pid}/stat`, 'utf8');
      stat = text === null ? null : parseProcStat(text);
      cache.set(pid, stat);
    }
    if (!stat) break;
    out.push({ pid, name: stat.name });
    if (out.some((a) => a.pid === stat!.ppid)) break;
    pid = stat.ppid;
  }
  return out;
}

/** Everything we can learn about `pid`; null if it has exited. */
export function readProcessInfo(pid: number, procRoot = '/proc'): RawProcess | null {
  const base = `${procRoot}/${pid}`;
  const statText = tryReadProcText(`${base}/stat`, 'utf8');
  if (statText === null) return null;
  const stat = parseProcStat(statText);
  if (!stat) return null;
  const cmdlineRaw = tryReadProcText(`${base}/cmdline`, 'utf8');
  const cmdline = cmdlineRaw ? cmdlineRaw.replace(/\0+$/, '').split('\0').join(' ') : null;
  let path = tryReadlink(`${base}/exe`);
  if (path?.endsWith(' (deleted)')) path = path.slice(0, -10);
  const status = tryReadProcText(`${base}/status`, 'utf8');
  const uidMatch = status ? /^Uid:\s+(\d+)/m.exec(status) : null;
  const boot = bootTime(procRoot);
  const cgroup = tryReadProcText(`${base}/cgroup`, 'utf8');
  const container = containerFromCgroup(cgroup);
  return {
    pid,
    ppid: stat.ppid,
    name: stat.name,
    path,
    cmdline: cmdline || null,
    cwd: tryReadlink(`${base}/cwd`),
    user: uidMatch ? userName(Number(uidMatch[1])) : null,
    unit: unitFromCgroup(cgroup),
    ...(container ? { container } : null),
    startedAt:
      boot !== null && stat.startTicks !== null
        ? new Date(boot + (stat.startTicks * 1000) / CLOCK_TICKS).toISOString()
        : null,
  };
}
