/**
 * sock_diag for IPv4/IPv6 sockets (linux/inet_diag.h): the dump request, and a decoder of the
 * replies into the same rows the /proc/net parser makes, plus TCP byte counters from
 * `struct tcp_info` when asked. Pure byte work on a Buffer (no per-socket system calls): one
 * dump of 20,000 sockets is a few hundred recv()s in the addon and one pass here.
 */
import type { Family, Protocol, SocketState, TcpState } from '../../common/model/model';
import type { ProcNetEntry } from '../collectors/procfs/procNetParse';
import { formatIPv6 } from '../collectors/procfs/hexAddress';

export const SOCK_DIAG_BY_FAMILY = 20;
export const NLM_F_REQUEST = 0x1;
export const NLM_F_DUMP = 0x300;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
const INET_DIAG_INFO = 2;
/** SKNLGRP_INET_TCP_DESTROY and SKNLGRP_INET6_TCP_DESTROY (linux/sock_diag.h): closing TCP sockets. */
export const TCP_DESTROY_GROUPS = [1, 3];

const NLMSG_HDRLEN = 16;
const INET_DIAG_MSG_LEN = 72;

/** A row of the dump: the socket as the collector hands it on, with its cookie and counters. */
export interface DiagEntry extends ProcNetEntry {
  /** The kernel's socket cookie (unique per socket until reboot): follows a socket between samples. */
  cookie: number;
  /** TCP: bytes the peer acknowledged (tcpi_bytes_acked less the SYN), received, retransmitted; RTT in ms. */
  bytesSent: number | null;
  bytesReceived: number | null;
  bytesRetransmitted: number | null;
  rttMs: number | null;
  sendRate: number | null;
  receiveRate: number | null;
}

/** An `inet_diag_req_v2` dump request of one family and protocol over `states` (a bit per TCP state). */
export function inetDiagDumpRequest(family: number, protocol: number, states: number, withInfo: boolean): Uint8Array {
  const buf = new Uint8Array(NLMSG_HDRLEN + 56);
  const v = new DataView(buf.buffer);
  v.setUint32(0, buf.length, true);
  v.setUint16(4, SOCK_DIAG_BY_FAMILY, true);
  v.setUint16(6, NLM_F_REQUEST | NLM_F_DUMP, true);
  v.setUint32(8, 1, true); // seq
  buf[16] = family;
  buf[17] = protocol;
  buf[18] = withInfo ? 1 << (INET_DIAG_INFO - 1) : 0;
  v.setUint32(20, states >>> 0, true);
  return buf;
}

/**
 * Every TCP state but CLOSE (7) and BOUND (13, "bound-inactive" on kernels ≥ 6.5): those are
 * sockets in no table /proc/net/tcp prints, so both sources list the same sockets.
 */
export const TCP_STATES_LIKE_PROCFS = ~((1 << 7) | (1 << 13)) >>> 0;
export const ALL_STATES = 0xffffffff;

/** include/net/tcp_states.h; request sockets (NEW_SYN_RECV) read SYN_RECV, as /proc/net/tcp prints them. */
const TCP_STATE_NAMES: (TcpState | undefined)[] = [
  undefined,
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'SYN_RECV',
  'BOUND',
];

const v4Names = new Map<number, string>();
const v6Names = new Map<string, string>();

function ipv4At(buf: Buffer, at: number): string {
  const key = buf.readUInt32BE(at);
  let name = v4Names.get(key);
  if (name === undefined) {
    if (v4Names.size > 50_000) v4Names.clear();
    name = `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
    v4Names.set(key, name);
  }
  return name;
}

function ipv6At(buf: Buffer, at: number): string {
  const key = buf.toString('latin1', at, at + 16);
  let name = v6Names.get(key);
  if (name === undefined) {
    if (v6Names.size > 50_000) v6Names.clear();
    name = formatIPv6(buf.subarray(at, at + 16));
    v6Names.set(key, name);
  }
  return name;
}

/** An unsigned 64-bit little-endian counter as a number (exact below 2^53 bytes). */
const u64 = (buf: Buffer, at: number) => buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 4294967296;

/** Counters from a `struct tcp_info` of `len` bytes at `at`; fields past its end stay null (older kernels). */
function readTcpInfo(buf: Buffer, at: number, len: number, e: DiagEntry): void {
  if (len >= 72) e.rttMs = buf.readUInt32LE(at + 68) / 1000;
  // tcpi_bytes_acked counts sequence space: the SYN is one "byte" the application never sent.
  if (len >= 128) e.bytesSent = Math.max(0, u64(buf, at + 120) - 1);
  if (len >= 136) e.bytesReceived = u64(buf, at + 128);
  if (len >= 216) e.bytesRetransmitted = u64(buf, at + 208);
}

/** Decode one dump (or destroy events) of `protocol` into rows; `family` names the rows' family. */
export function decodeInetDiag(buf: Buffer, protocol: Protocol, out: DiagEntry[] = []): DiagEntry[] {
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = buf.readUInt32LE(off);
    const type = buf.readUInt16LE(off + 4);
    if (len < NLMSG_HDRLEN || off + len > buf.length) break;
    if (type === SOCK_DIAG_BY_FAMILY && len >= NLMSG_HDRLEN + INET_DIAG_MSG_LEN) {
      out.push(decodeMessage(buf, off + NLMSG_HDRLEN, off + len, protocol));
    }
    off += (len + 3) & ~3;
  }
  return out;
}

function decodeMessage(buf: Buffer, m: number, end: number, protocol: Protocol): DiagEntry {
  const family: Family = buf[m] === AF_INET6 ? 'IPv6' : 'IPv4';
  const st = buf[m + 1]!;
  const localPort = buf.readUInt16BE(m + 4);
  const remotePort = buf.readUInt16BE(m + 6);
  const addr = family === 'IPv4' ? ipv4At : ipv6At;
  const localAddress = addr(buf, m + 8);
  let noPeer = remotePort === 0;
  if (noPeer) for (let i = 24; i < (family === 'IPv4' ? 28 : 40); i++) if (buf[m + i] !== 0) noPeer = false;
  let state: SocketState | null;
  if (protocol === 'tcp') state = TCP_STATE_NAMES[st] ?? null;
  else state = st === 1 ? 'CONNECTED' : 'UNCONN';
  const e: DiagEntry = {
    protocol,
    family,
    localAddress,
    localPort,
    remoteAddress: noPeer ? null : addr(buf, m + 24),
    remotePort: noPeer ? null : remotePort,
    state,
    pid: null,
    uid: buf.readUInt32LE(m + 64),
    inode: buf.readUInt32LE(m + 68),
    cookie: buf.readUInt32LE(m + 44) + buf.readUInt32LE(m + 48) * 4294967296,
    bytesSent: null,
    bytesReceived: null,
    bytesRetransmitted: null,
    rttMs: null,
    sendRate: null,
    receiveRate: null,
  };
  // Attributes: { u16 len, u16 type, payload } each 4-aligned.
  for (let a = m + INET_DIAG_MSG_LEN; a + 4 <= end;) {
    const alen = buf.readUInt16LE(a);
    if (alen < 4 || a + alen > end) break;
    if (buf.readUInt16LE(a + 2) === INET_DIAG_INFO && protocol === 'tcp') readTcpInfo(buf, a + 4, alen - 4, e);
    a += (alen + 3) & ~3;
  }
  return e;
}
