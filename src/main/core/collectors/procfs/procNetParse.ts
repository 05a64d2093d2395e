/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6}. Malformed lines are skipped and counted, never
 * fatal: a snapshot with one unreadable row is still a true snapshot of every other socket.
 */
import type { Family, Protocol, SocketState, TcpState } from '../../../../shared/model';
import { decodeIPv4Hex, decodeIPv6Hex } from './hexAddress';

export interface ProcNetEntry {
  protocol: Protocol;
  family: Family;
  localAddress: string;
  localPort: number;
  remoteAddress: string | null;
  remotePort: number | null;
  state: SocketState | null;
  uid: number | null;
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
    if (line.trim() === '') continue;
    const entry = parseLine(line, protocol, family, decode, wildcardHex);
    if (entry) entries.push(entry);
    else {
      malformed++;
      firstMalformed ??= line.trim().slice(0, 200);
    }
  }
  return { entries, malformed, firstMalformed };
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
    uid,
    inode,
  };
}
