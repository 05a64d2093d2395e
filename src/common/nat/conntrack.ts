/**
 * Lines of `/proc/net/nf_conntrack` (and `/proc/<pid>/net/nf_conntrack`, one table per network
 * namespace): `ipv4 2 tcp 6 431999 ESTABLISHED src=A dst=B sport=P dport=Q src=C dst=D sport=R
 * dport=S [ASSURED] mark=0 zone=0 use=2`. The first tuple is the original direction, the second
 * the reply's: when the reply comes from somewhere other than where the original went (its src or
 * sport differ from the original's dst or dport), the kernel rewrote the destination — DNAT.
 */
import ipaddr from 'ipaddr.js';

export interface ConntrackEntry {
  protocol: 'tcp' | 'udp';
  /** TCP state as conntrack names it (`ESTABLISHED`, `TIME_WAIT` …); null for UDP. */
  state: string | null;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  replySrc: string;
  replyDst: string;
  replySport: number;
  replyDport: number;
}

export interface ConntrackParse {
  entries: ConntrackEntry[];
  /** Lines that did not read as an entry (other protocols such as ICMP are not counted here). */
  bad: number;
}

/** The kernel prints IPv6 uncompressed (`%pI6`); sockets carry the short form. */
const address = (text: string) =>
  text.includes(':') && ipaddr.IPv6.isValid(text) ? ipaddr.IPv6.parse(text).toString() : text;

const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;

/** One line, or 'other' (a protocol without ports, kept out of the bad count), or null (malformed). */
export function parseConntrackLine(line: string): ConntrackEntry | 'other' | null {
  const f = line.trim().split(/\s+/);
  if (f.length < 6 || (f[0] !== 'ipv4' && f[0] !== 'ipv6')) return null;
  const protocol = f[2];
  if (protocol !== 'tcp' && protocol !== 'udp') return protocol && /^[a-z0-9]+$/.test(protocol) ? 'other' : null;
  const state = protocol === 'tcp' && f[5] && !f[5].includes('=') ? f[5] : null;
  const tuples: Record<string, string>[] = [];
  for (const field of f.slice(5)) {
    const eq = field.indexOf('=');
    if (eq < 0) continue;
    const key = field.slice(0, eq);
    if (key === 'src') tuples.push({});
    const t = tuples[tuples.length - 1];
    if (t && (key === 'src' || key === 'dst' || key === 'sport' || key === 'dport') && !(key in t))
      t[key] = field.slice(eq + 1);
  }
  const [o, r] = tuples;
  if (!o || !r || !o.dst || !r.src || !r.dst || !o.src) return null;
  const ports = [o.sport, o.dport, r.sport, r.dport].map(Number);
  if (!ports.every(isPort)) return null;
  return {
    protocol,
    state,
    src: address(o.src),
    dst: address(o.dst),
    sport: ports[0]!,
    dport: ports[1]!,
    replySrc: address(r.src),
    replyDst: address(r.dst),
    replySport: ports[2]!,
    replyDport: ports[3]!,
  };
}

/** Every line of a table; bad lines skipped and counted. */
export function parseConntrack(text: string): ConntrackParse {
  const entries: ConntrackEntry[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const e = parseConntrackLine(line);
    if (e === null) bad++;
    else if (e !== 'other') entries.push(e);
  }
  return { entries, bad };
}

/** Whether the kernel rewrote the destination of this connection. */
export const isDnat = (e: ConntrackEntry) => e.replySrc !== e.dst || e.replySport !== e.dport;

/** One namespace's conntrack table as the collector hands it over (netns null: the host's, unknown inode). */
export interface CollectedConntrack {
  netns: number | null;
  entries: ConntrackEntry[];
}
