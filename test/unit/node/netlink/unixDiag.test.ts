import { describe, expect, it } from 'vitest';
import { decodeUnixPeers, unixDiagDumpRequest } from '../../../../src/node/netlink/unixDiag';

/** One unix_diag_msg reply as the kernel lays it out, with a UNIX_DIAG_PEER attribute when `peer` is given. */
function message(inode: number, peer?: number): Buffer {
  const attrs = peer === undefined ? 0 : 8;
  const b = Buffer.alloc(16 + 16 + 8 /* a NAME attribute first */ + attrs);
  b.writeUInt32LE(b.length, 0);
  b.writeUInt16LE(20, 4);
  b[16] = 1; // AF_UNIX
  b[17] = 1; // SOCK_STREAM
  b.writeUInt32LE(inode, 16 + 4);
  b.writeUInt16LE(7, 32); // UNIX_DIAG_NAME "@ab" + NUL, padded to 8
  b.writeUInt16LE(0, 34);
  b.write('@ab', 36, 'latin1');
  if (peer !== undefined) {
    b.writeUInt16LE(8, 40);
    b.writeUInt16LE(2, 42); // UNIX_DIAG_PEER
    b.writeUInt32LE(peer, 44);
  }
  return b;
}

describe('UNIX_DIAG', () => {
  it('asks for every state of AF_UNIX with the peer shown', () => {
    const r = Buffer.from(unixDiagDumpRequest());
    expect(r.length).toBe(40);
    expect(r.readUInt32LE(0)).toBe(40);
    expect(r.readUInt16LE(4)).toBe(20); // SOCK_DIAG_BY_FAMILY
    expect(r.readUInt16LE(6)).toBe(0x301); // REQUEST | DUMP
    expect(r[16]).toBe(1);
    expect(r.readUInt32LE(20)).toBe(0xffffffff);
    expect(r.readUInt32LE(28)).toBe(4); // UDIAG_SHOW_PEER
  });

  it('maps inode to peer, skipping sockets without one or with peer 0, and stops at a torn message', () => {
    const torn = message(9, 10).subarray(0, 30);
    const buf = Buffer.concat([message(1137, 1138), message(1138, 1137), message(500), message(600, 0), torn]);
    expect([...decodeUnixPeers(buf)]).toEqual([
      [1137, 1138],
      [1138, 1137],
    ]);
  });
});
