/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6}. Malformed lines are skipped and counted, never
 * fatal: a snapshot with one unreadable row is still a true snapshot of every other socket.
 */
import type { RawSocket } from '../../../common/model/collected';
import type { Family, Protocol, SocketState, TcpState } from '../../../common/model/model';
import { decodeIPv4Hex, decodeIPv6Hex } from './hexAddress';

/**
 * One row: the socket as the collector hands it on, with `pid` left null for the collector to
 * fill in from the fd scan (the same object goes on: no second copy of 20,000 rows).
 */
export interface ProcNetEntry extends RawSocket {
  /** Socket inode; 0 for sockets no process holds (TIME_WAIT, orphaned FIN_WAIT2). */
  inode: number;
}

export interface ProcNetParse {
  entries: ProcNetEntry[];
  malformed: number;
  /** The first malformed line, for the warning text. */
  firstMalformed: string | null;
}

/** include/net/tcp_states.h */
const TCP_STATES: Record<string, TcpState> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
  '0C': 'NEW_SYN_RECV',
  '0D': 'BOUND',
};

const TCP_STATES_BY_CODE: (TcpState | undefined)[] = [];
for (const [code, name] of Object.entries(TCP_STATES)) TCP_STATES_BY_CODE[parseInt(code, 16)] = name;

const WS = /\s+/;

/** Parse one /proc/net table. `text` is the whole file, header line included. */
export function parseProcNet(text: string, protocol: Protocol, family: Family): ProcNetParse {
  const entries: ProcNetEntry[] = [];
  let malformed = 0;
  let firstMalformed: string | null = null;
  const decode = family === 'IPv4' ? decodeIPv4Hex : decodeIPv6Hex;
  const wildcardHex = family === 'IPv4' ? '00000000' : '00000000000000000000000000000000';
  let start = text.indexOf('\n') + 1; // skip the header
  if (start === 0) return { entries, malformed, firstMalformed };
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (isBlank(line)) continue;
    const entry =
      parseFixedLine(line, protocol, family, decode, wildcardHex) ??
      parseLine(line, protocol, family, decode, wildcardHex);
    if (entry) entries.push(entry);
    else {
      malformed++;
      firstMalformed ??= line.trim().slice(0, 200);
    }
  }
  return { entries, malformed, firstMalformed };
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function hex4(line: string, at: number): number {
  const a = hexDigit(line.charCodeAt(at));
  const b = hexDigit(line.charCodeAt(at + 1));
  const c = hexDigit(line.charCodeAt(at + 2));
  const d = hexDigit(line.charCodeAt(at + 3));
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

/** Eight hex digits at `at` (a queue size), or -1. */
function hex8(line: string, at: number): number {
  const hi = hex4(line, at);
  const lo = hex4(line, at + 4);
  return hi < 0 || lo < 0 ? -1 : hi * 65536 + lo;
}

/** Whether the line is only whitespace (without trim(): it copies every indented line). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Where the number decimalAt last read ends (a variable, not a tuple: three numbers per line, 20,000 lines). */
let decimalEnd = 0;

/** The (optionally negative) decimal number at `at` after skipping spaces, or NaN; its end goes to `decimalEnd`. */
function decimalAt(line: string, at: number): number {
  let i = at;
  while (line.charCodeAt(i) === 32) i++;
  const negative = line.charCodeAt(i) === 45;
  if (negative) i++;
  const start = i;
  let v = 0;
  for (let c = line.charCodeAt(i); c >= 48 && c <= 57; c = line.charCodeAt(++i)) v = v * 10 + (c - 48);
  if (i === start) return NaN;
  decimalEnd = i;
  return negative ? -v : v;
}

/**
 * The fast path (measured: ~4x faster than splitting on whitespace at 20,000 lines): the kernel
 * prints the columns up to `retrnsmt` at fixed widths after the slot number (net/ipv4/tcp_ipv4.c
 * get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock, the udp equivalents). Any surprise returns
 * null and the tolerant parser below decides.
 */
function parseFixedLine(
  line: string,
  protocol: Protocol,
  family: Family,
  decode: (hex: string) => string | null,
  wildcardHex: string,
): ProcNetEntry | null {
  const L = family === 'IPv4' ? 8 : 32;
  const p = line.indexOf(':') + 2; // "  sl: "
  if (p < 2 || line.charCodeAt(p + L) !== 58 /* : */) return null;
  const q = p + L + 6; // remote address
  const r = q + L + 6; // state
  if (line.charCodeAt(q + L) !== 58 || line.charCodeAt(r - 1) !== 32 || line.charCodeAt(r + 2) !== 32) return null;
  const localPort = hex4(line, p + L + 1);
  const remotePort = hex4(line, q + L + 1);
  const st = hexDigit(line.charCodeAt(r)) * 16 + hexDigit(line.charCodeAt(r + 1));
  if (localPort < 0 || remotePort < 0 || st < 0) return null;
  // After the state: " %08X:%08X %02X:%08lX %08X" — 39 fixed characters — then uid, timeout, inode.
  // The first two are tx_queue:rx_queue (what ss prints as Send-Q and Recv-Q).
  const sendQ = hex8(line, r + 3);
  const recvQ = hex8(line, r + 12);
  if (sendQ < 0 || recvQ < 0 || line.charCodeAt(r + 11) !== 58) return null;
  const uid = decimalAt(line, r + 2 + 39);
  if (!(uid >= 0)) return null;
  const timeout = decimalAt(line, decimalEnd);
  if (Number.isNaN(timeout)) return null;
  const inode = decimalAt(line, decimalEnd);
  if (!(inode >= 0)) return null;
  const localHex = line.slice(p, p + L);
  const remoteHex = line.slice(q, q + L);
  const localAddress = decode(localHex);
  const remoteText = decode(remoteHex);
  if (localAddress === null || remoteText === null) return null;
  let state: SocketState | null;
  if (protocol === 'tcp') {
    const tcp = TCP_STATES_BY_CODE[st];
    if (!tcp) return null;
    state = tcp;
  } else state = st === 1 ? 'CONNECTED' : 'UNCONN';
  const noPeer = remotePort === 0 && remoteHex === wildcardHex;
  return {
    protocol,
    family,
    localAddress,
    localPort,
    remoteAddress: noPeer ? null : remoteText,
    remotePort: noPeer ? null : remotePort,
    state,
    pid: null,
    uid,
    inode,
    ...(protocol === 'tcp' ? { recvQ, sendQ } : {}),
  };
}

function splitEndpoint(field: string): [string, number] | null {
  const colon = field.indexOf(':');
  if (colon < 0 || field.length - colon - 1 !== 4) return null;
  const port = parseInt(field.slice(colon + 1), 16);
  if (!Number.isInteger(port)) return null;
  return [field.slice(0, colon), port];
}

function parseLine(
  line: string,
  protocol: Protocol,
  family: Family,
  decode: (hex: string) => string | null,
  wildcardHex: string,
): ProcNetEntry | null {
  const f = line.trim().split(WS);
  if (f.length < 10 || !f[0]!.endsWith(':')) return null;
  const local = splitEndpoint(f[1]!);
  const remote = splitEndpoint(f[2]!);
  if (!local || !remote) return null;
  const localAddress = decode(local[0]);
  const remoteText = decode(remote[0]);
  if (localAddress === null || remoteText === null) return null;
  const st = f[3]!.toUpperCase();
  const queues = /^([0-9A-Fa-f]+):([0-9A-Fa-f]+)$/.exec(f[4]!);
  const uid = Number(f[7]);
  const inode = Number(f[9]);
  if (!Number.isInteger(uid) || !Number.isInteger(inode) || inode < 0) return null;
  // A zero peer means "no peer": listeners, unconnected UDP, bound-only sockets.
  const noPeer = remote[1] === 0 && remote[0] === wildcardHex;
  let state: SocketState | null;
  if (protocol === 'tcp') {
    const tcp = TCP_STATES[st];
    if (!tcp) return null;
    state = tcp;
  } else {
    // UDP sockets report TCP_ESTABLISHED (01) once connect()ed and TCP_CLOSE (07) otherwise.
    state = st === '01' ? 'CONNECTED' : 'UNCONN';
  }
  return {
    protocol,
    family,
    localAddress,
    localPort: local[1],
    remoteAddress: noPeer ? null : remoteText,
    remotePort: noPeer ? null : remote[1],
    state,
    pid: null,
    uid,
    inode,
    ...(protocol === 'tcp' && queues ? { sendQ: parseInt(queues[1]!, 16), recvQ: parseInt(queues[2]!, 16) } : {}),
  };
}
