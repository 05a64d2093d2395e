/**
 * Close established TCP connections. Linux: the socket-diagnostics destroy request
 * (SOCK_DESTROY), sent by `ss -K` from iproute2 with a filter naming exactly one connection's
 * four endpoints — its owner sees ECONNABORTED, the peer a reset. It needs CAP_NET_ADMIN and a
 * kernel built with CONFIG_INET_DIAG_DESTROY; which one is missing is found out and named.
 * macOS offers no such call; Windows does (SetTcpEntry, IPv4, administrator), untested here and
 * so not offered.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CloseOutcome, CloseResult, MissingForClose } from '../../common/actions/actionApi';
import type { CloseTarget } from '../../common/actions/closePlan';

export interface CloseSupport {
  supported: boolean;
  note: string;
  missing: MissingForClose | null;
}

const CAP_NET_ADMIN_BIT = 12n;

/** Whether this process holds CAP_NET_ADMIN (its effective set, /proc/self/status). */
export function hasNetAdmin(statusText?: string): boolean {
  let text = statusText;
  try {
    text ??= readFileSync('/proc/self/status', 'utf8');
  } catch {
    return false;
  }
  const m = /^CapEff:\s*([0-9a-f]+)$/im.exec(text);
  return m ? ((BigInt(`0x${m[1]}`) >> CAP_NET_ADMIN_BIT) & 1n) === 1n : false;
}

/** `y`/`n` for CONFIG_INET_DIAG_DESTROY from /proc/config.gz or /boot/config-*, null when neither is readable. */
export function kernelHasDestroy(): boolean | null {
  const text = readKernelConfig();
  return text === null ? null : /^CONFIG_INET_DIAG_DESTROY=y$/m.test(text);
}

function readKernelConfig(): string | null {
  try {
    return gunzipSync(readFileSync('/proc/config.gz')).toString('latin1');
  } catch {
    try {
      const release = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
      return readFileSync(`/boot/config-${release}`, 'latin1');
    } catch {
      return null;
    }
  }
}

export const NET_ADMIN_NOTE =
  'closing a connection needs CAP_NET_ADMIN: run Sockeye as root (sudo sockeye close …) or grant the capability';
export const DESTROY_NOTE =
  'closing a connection needs a kernel built with CONFIG_INET_DIAG_DESTROY, and this one is not (stop the process instead)';

export function closeSupport(platform = process.platform): CloseSupport {
  if (platform === 'darwin')
    return {
      supported: false,
      missing: null,
      note: 'macOS offers no way to close another program’s TCP connection; stop the process instead',
    };
  if (platform === 'win32')
    return {
      supported: false,
      missing: null,
      note: 'Windows can reset IPv4 connections (SetTcpEntry, as administrator), but this build does not: it could not be tested; stop the process instead',
    };
  if (platform !== 'linux')
    return { supported: false, missing: null, note: `closing connections is not available on ${platform}` };
  if (!hasNetAdmin()) return { supported: false, missing: 'CAP_NET_ADMIN', note: NET_ADMIN_NOTE };
  if (kernelHasDestroy() === false)
    return { supported: false, missing: 'CONFIG_INET_DIAG_DESTROY', note: DESTROY_NOTE };
  return {
    supported: true,
    missing: null,
    note: 'closes with SOCK_DESTROY (ss -K): the owner sees ECONNABORTED, the peer a reset',
  };
}

const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);

/** The `ss` arguments that select exactly this connection (numeric, established, both endpoints). */
export function ssKillArgs(t: CloseTarget): string[] {
  return [
    '-K',
    '-t',
    '-n',
    t.family === 'IPv6' ? '-6' : '-4',
    'state',
    'established',
    'src',
    bracket(t.localAddress),
    'sport',
    '=',
    `:${t.localPort}`,
    'dst',
    bracket(t.remoteAddress),
    'dport',
    '=',
    `:${t.remotePort}`,
  ];
}

function runSs(args: string[]): Promise<{ stdout: string; stderr: string; error: NodeJS.ErrnoException | null }> {
  return new Promise((resolve) =>
    execFile('ss', args, { timeout: 10_000 }, (error, stdout, stderr) =>
      resolve({ stdout: String(stdout), stderr: String(stderr), error: error as NodeJS.ErrnoException | null }),
    ),
  );
}

/** One connection: what `ss -K` printed and said, read into an outcome. */
export function readSsAnswer(
  stdout: string,
  stderr: string,
): { outcome: CloseOutcome; missing: MissingForClose | null } {
  if (/Operation not permitted/i.test(stderr)) return { outcome: 'denied', missing: 'CAP_NET_ADMIN' };
  if (/Operation not supported|not supported/i.test(stderr))
    return { outcome: 'unsupported', missing: 'CONFIG_INET_DIAG_DESTROY' };
  // The header line, then one line per socket destroyed.
  const rows = stdout.split('\n').filter((l) => l.trim() && !/^(Recv-Q|Netid|State)\b/.test(l.trim()));
  return { outcome: rows.length > 0 ? 'closed' : 'gone', missing: null };
}

function closeMessage(outcome: CloseOutcome, stderr: string): string {
  switch (outcome) {
    case 'closed':
      return 'closed: its owner sees ECONNABORTED, the peer a reset';
    case 'gone':
      return 'no such established connection any more: nothing to close';
    case 'denied':
      return NET_ADMIN_NOTE;
    case 'unsupported':
      return DESTROY_NOTE;
    default:
      return `ss failed: ${stderr.trim().slice(0, 200)}`;
  }
}

export async function closeConnections(targets: CloseTarget[], platform = process.platform): Promise<CloseResult> {
  const support = closeSupport(platform);
  if (!support.supported)
    return {
      missing: support.missing,
      results: targets.map((connection) => ({
        connection,
        outcome: support.missing === 'CAP_NET_ADMIN' ? 'denied' : 'unsupported',
        message: support.note,
      })),
    };
  let missing: MissingForClose | null = null;
  const results: CloseResult['results'] = [];
  for (const connection of targets) {
    const { stdout, stderr, error } = await runSs(ssKillArgs(connection));
    if (error?.code === 'ENOENT') {
      results.push({
        connection,
        outcome: 'unsupported',
        message: 'closing needs `ss` from iproute2, which is not installed',
      });
      continue;
    }
    const read = readSsAnswer(stdout, stderr);
    missing ??= read.missing;
    // ss failing for another reason (a bad filter, a crash) prints no row either: not "gone".
    const outcome: CloseOutcome = error && read.outcome === 'gone' ? 'failed' : read.outcome;
    results.push({ connection, outcome, message: closeMessage(outcome, stderr || error?.message || '') });
  }
  return { missing, results };
}
