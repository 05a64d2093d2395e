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

/** The value of ` key=` at or after `from`, and where it ends; null when absent. */
function valueAt(line: string, key: string, from: number): [string, number] | null {
  const at = line.indexOf(key, from);
  if (at < 0) return null;
  const start = at + key.length;
  let end = line.indexOf(' ', start);
  if (end < 0) end = line.length;
  return [line.slice(start, end), end];
}

/**
 * One line, or 'other' (a protocol without ports, kept out of the bad count), or null (malformed).
 * indexOf rather than splitting every field: a busy host's table has tens of thousands of lines
 * on every refresh (see ADR 0063).
 */
export function parseConntrackLine(line: string, dnatOnly = false): ConntrackEntry | 'other' | null {
  const first = line.indexOf(' src=');
  if (first < 0) return null;
  const values: string[] = [];
  let at = first;
  for (const key of KEYS) {
    const v = valueAt(line, key, at);
    if (!v) return portless(line, first);
    values.push(v[0]);
    at = v[1];
  }
  // Not rewritten (the kernel prints both tuples' addresses alike): nothing to build when only DNAT is wanted.
  if (dnatOnly && values[4] === values[1] && values[6] === values[3]) return 'other';
  const head = line.slice(0, first).trim().split(/\s+/);
  if (head.length < 5 || (head[0] !== 'ipv4' && head[0] !== 'ipv6')) return null;
  const protocol = head[2];
  if (protocol !== 'tcp' && protocol !== 'udp') return protocol && /^[a-z0-9]+$/.test(protocol) ? 'other' : null;
  const state = protocol === 'tcp' && head.length > 5 ? head[5]! : null;
  const ports = [values[2], values[3], values[6], values[7]].map(Number);
  if (!ports.every(isPort) || values.some((v) => v === '')) return null;
  return {
    protocol,
    state,
    src: address(values[0]!),
    dst: address(values[1]!),
    sport: ports[0]!,
    dport: ports[1]!,
    replySrc: address(values[4]!),
    replyDst: address(values[5]!),
    replySport: ports[2]!,
    replyDport: ports[3]!,
  };
}

/** A line without both tuples' ports: another protocol (ICMP …) is 'other', anything else malformed. */
function portless(line: string, first: number): 'other' | null {
  const head = line.slice(0, first).trim().split(/\s+/);
  const protocol = head[2];
  return head.length >= 5 && protocol !== 'tcp' && protocol !== 'udp' && /^[a-z0-9]+$/.test(protocol ?? '')
    ? 'other'
    : null;
}

/** The original tuple's fields, then the reply's, in the order the kernel prints them. */
const KEYS = [' src=', ' dst=', ' sport=', ' dport=', ' src=', ' dst=', ' sport=', ' dport='] as const;

/** Every line of a table (with `dnatOnly`, only DNAT entries); bad lines skipped and counted. */
export function parseConntrack(text: string, dnatOnly = false): ConntrackParse {
  const entries: ConntrackEntry[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const e = parseConntrackLine(line, dnatOnly);
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
