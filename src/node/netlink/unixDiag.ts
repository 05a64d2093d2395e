/**
 * Unix domain sockets' peers from sock_diag (linux/unix_diag.h): one UNIX_DIAG dump with
 * UDIAG_SHOW_PEER, the same kernel answer `ss -xa` prints, asked through the netlink addon
 * instead of spawning `ss` every live tick (see docs/adr/0025-unix-peers-through-the-addon.md).
 */
import { NETLINK_SOCK_DIAG, type NetlinkAddon } from './netlinkAddon';
import { NLM_F_DUMP, NLM_F_REQUEST, SOCK_DIAG_BY_FAMILY } from './inetDiag';

const AF_UNIX = 1;
const UDIAG_SHOW_PEER = 0x4;
const UNIX_DIAG_PEER = 2;
const NLMSG_HDRLEN = 16;
/** struct unix_diag_msg: family, type, state, pad (u8 each), ino (u32), cookie (2 × u32). */
const UNIX_DIAG_MSG_LEN = 16;

/** A `unix_diag_req` dump of every Unix socket in every state, with each one's peer inode. */
export function unixDiagDumpRequest(): Uint8Array {
  const buf = new Uint8Array(NLMSG_HDRLEN + 24);
  const v = new DataView(buf.buffer);
  v.setUint32(0, buf.length, true);
  v.setUint16(4, SOCK_DIAG_BY_FAMILY, true);
  v.setUint16(6, NLM_F_REQUEST | NLM_F_DUMP, true);
  v.setUint32(8, 1, true); // seq
  buf[16] = AF_UNIX; // sdiag_family; sdiag_protocol and pad stay 0
  v.setUint32(20, 0xffffffff, true); // udiag_states: all
  v.setUint32(28, UDIAG_SHOW_PEER, true); // udiag_show (udiag_ino at 24 and the cookie stay 0)
  return buf;
}

/** inode → peer inode for every socket the dump names with a peer (0 and no attribute: none). */
export function decodeUnixPeers(buf: Buffer, out = new Map<number, number>()): Map<number, number> {
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = buf.readUInt32LE(off);
    if (len < NLMSG_HDRLEN || off + len > buf.length) break;
    const m = off + NLMSG_HDRLEN;
    const end = off + len;
    if (buf.readUInt16LE(off + 4) === SOCK_DIAG_BY_FAMILY && len >= NLMSG_HDRLEN + UNIX_DIAG_MSG_LEN) {
      const inode = buf.readUInt32LE(m + 4);
      for (let a = m + UNIX_DIAG_MSG_LEN; a + 4 <= end;) {
        const alen = buf.readUInt16LE(a);
        if (alen < 4 || a + alen > end) break;
        if (buf.readUInt16LE(a + 2) === UNIX_DIAG_PEER && alen >= 8) {
          const peer = buf.readUInt32LE(a + 4);
          if (peer > 0) out.set(inode, peer);
        }
        a += (alen + 3) & ~3;
      }
    }
    off += (len + 3) & ~3;
  }
  return out;
}

/** Every Unix socket's peer in this network namespace. Throws when the kernel refuses the dump. */
export function dumpUnixPeers(addon: NetlinkAddon): Map<number, number> {
  return decodeUnixPeers(addon.request(NETLINK_SOCK_DIAG, unixDiagDumpRequest()));
}
