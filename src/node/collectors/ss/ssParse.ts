/**
 * Parsing `ss -H` output from iproute2, for what /proc and systeminformation do not tell:
 * every holder of a socket (`users:(("nginx",pid=26214,fd=5),("nginx",pid=26213,fd=5))`) and
 * which Unix socket is the peer of which (the kernel's UNIX_DIAG_PEER, which ss prints as the
 * peer's inode). sock_diag itself needs a native netlink binding; ss is its command-line face.
 */

/** The pids of an ss line's `users:((…))` list, ascending and without repeats (one pid may hold a socket on two fds). */
export function ssUserPids(line: string): number[] {
  const at = line.indexOf('users:((');
  if (at < 0) return [];
  const pids = new Set<number>();
  // `("name",pid=N,fd=M)` read left to right, the quoted name skipped whole: a process name
  // containing ",pid=9,fd=1)" is not read as a holder.
  for (const m of line.slice(at).matchAll(/\("(?:[^"\\]|\\.)*",pid=(\d+),fd=\d+\)/g)) pids.add(Number(m[1]));
  return [...pids].sort((a, b) => a - b);
}

/** "[::ffff:127.0.0.1]:80" → ["127.0.0.1", 80]; "*:80", "0.0.0.0:80", "[::]:80" → ["*", 80]; "0.0.0.0:*" → ["*", null]. */
export function ssEndpoint(text: string): [string, number | null] {
  const colon = text.lastIndexOf(':');
  let host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  if (host.startsWith('::ffff:') && host.includes('.')) host = host.slice(7);
  if (host === '0.0.0.0' || host === '::') host = '*';
  return [host, port === '*' ? null : Number(port)];
}

/** The key both sides agree on: protocol, endpoints with wildcards as `*` and IPv4-mapped addresses unmapped. */
export function inetKey(
  protocol: string,
  localAddress: string,
  localPort: number,
  remoteAddress: string | null,
  remotePort: number | null,
): string {
  const norm = (a: string | null) => {
    if (a === null || a === '0.0.0.0' || a === '::' || a === '*') return '*';
    const bare = a.replace(/%.*$/, '');
    return bare.startsWith('::ffff:') && bare.includes('.') ? bare.slice(7) : bare;
  };
  return `${protocol}|${norm(localAddress)}|${localPort}|${norm(remoteAddress)}|${remotePort ?? '*'}`;
}

/** `ss -tuanpH` → inet key → holders, for sockets held by more than one process. */
export function parseSsInetHolders(output: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of output.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7 || (f[0] !== 'tcp' && f[0] !== 'udp')) continue;
    const pids = ssUserPids(line);
    if (pids.length < 2) continue;
    const [la, lp] = ssEndpoint(f[4]!);
    const [ra, rp] = ssEndpoint(f[5]!);
    out.set(inetKey(f[0], la, lp ?? 0, rp === null ? null : ra, rp), pids);
  }
  return out;
}

/** One line of `ss -xH` / `ss -xpH`. */
export interface SsUnixLine {
  type: 'stream' | 'dgram' | 'seqpacket';
  state: string;
  recvQ: number;
  sendQ: number;
  /** Bound path, `@name` for an abstract name, null when unbound. */
  path: string | null;
  inode: number;
  /** The peer's inode, from the kernel (UNIX_DIAG_PEER); null when not connected. */
  peerInode: number | null;
  pids: number[];
}

const UNIX_TYPES: Record<string, SsUnixLine['type']> = { u_str: 'stream', u_dgr: 'dgram', u_seq: 'seqpacket' };
// netid state recv-q send-q  local-name  local-inode  peer-name  peer-inode  [users:(…)]
// Names may hold spaces, so the inodes (digits between spaces) anchor the split.
const UNIX_LINE =
  /^(u_str|u_dgr|u_seq)\s+(\S+)\s+(\d+)\s+(\d+)\s+(.*?)\s+(\d+)\s+(.*?)\s+(\d+|\*)(?:\s+(users:\(\(.*))?\s*$/;

export function parseSsUnix(output: string): SsUnixLine[] {
  const out: SsUnixLine[] = [];
  for (const raw of output.split('\n')) {
    const m = UNIX_LINE.exec(raw.trim());
    if (!m) continue;
    const peer = m[8] === '*' ? 0 : Number(m[8]);
    out.push({
      type: UNIX_TYPES[m[1]!]!,
      state: m[2]!,
      recvQ: Number(m[3]),
      sendQ: Number(m[4]),
      path: m[5] === '*' ? null : m[5]!,
      inode: Number(m[6]),
      peerInode: peer > 0 ? peer : null,
      pids: m[9] ? ssUserPids(m[9]) : [],
    });
  }
  return out;
}
