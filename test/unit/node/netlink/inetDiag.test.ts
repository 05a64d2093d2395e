import { describe, expect, it } from 'vitest';
import { decodeInetDiag, inetDiagDumpRequest, AF_INET, IPPROTO_TCP } from '../../../../src/node/netlink/inetDiag';

/** One SOCK_DIAG_BY_FAMILY reply as the kernel lays it out, with a tcp_info of `infoLen` bytes. */
function message(infoLen: number, family = 2): Buffer {
  const attr = infoLen > 0 ? 4 + infoLen : 0;
  const len = 16 + 72 + ((attr + 3) & ~3);
  const b = Buffer.alloc(len);
  b.writeUInt32LE(len, 0);
  b.writeUInt16LE(20, 4);
  b[16] = family;
  b[17] = 1; // ESTABLISHED
  b.writeUInt16BE(40000, 16 + 4);
  b.writeUInt16BE(443, 16 + 6);
  b.set([127, 0, 0, 1], 16 + 8);
  b.set([192, 0, 2, 7], 16 + 24);
  b.writeUInt32LE(5, 16 + 44); // cookie low
  b.writeUInt32LE(1, 16 + 48); // cookie high
  b.writeUInt32LE(1000, 16 + 64);
  b.writeUInt32LE(424242, 16 + 68);
  if (infoLen > 0) {
    const a = 16 + 72;
    b.writeUInt16LE(attr, a);
    b.writeUInt16LE(2, a + 2);
    const i = a + 4;
    b.writeUInt32LE(2500, i + 68); // rtt µs
    if (infoLen >= 136) {
      b.writeUInt32LE(8_000_001 % 2 ** 32, i + 120); // bytes_acked (SYN included)
      b.writeUInt32LE(1, i + 128 + 4); // bytes_received high word: 2^32 + 3
      b.writeUInt32LE(3, i + 128);
    }
    if (infoLen >= 216) b.writeUInt32LE(77, i + 208);
  }
  return b;
}

describe('inet_diag decoding', () => {
  it('builds a dump request of the right size and flags', () => {
    const r = inetDiagDumpRequest(AF_INET, IPPROTO_TCP, 0xfff, true);
    expect(r.length).toBe(72);
    expect(Buffer.from(r).readUInt16LE(6)).toBe(0x301);
    expect(r[18]).toBe(2); // INET_DIAG_INFO
  });

  it('reads endpoints, owner fields and counters (64-bit, SYN taken off)', () => {
    const [e] = decodeInetDiag(message(232), 'tcp');
    expect(e).toMatchObject({
      family: 'IPv4',
      state: 'ESTABLISHED',
      localAddress: '127.0.0.1',
      localPort: 40000,
      remoteAddress: '192.0.2.7',
      remotePort: 443,
      uid: 1000,
      inode: 424242,
      cookie: 2 ** 32 + 5,
      bytesSent: 8_000_000,
      bytesReceived: 2 ** 32 + 3,
      bytesRetransmitted: 77,
      rttMs: 2.5,
    });
  });

  it('leaves counters an older kernel does not send as null (shorter tcp_info), and UDP without any', () => {
    const [short] = decodeInetDiag(message(104), 'tcp');
    expect(short!.rttMs).toBe(2.5);
    expect(short!.bytesSent).toBeNull();
    const [udp] = decodeInetDiag(message(0), 'udp');
    expect(udp).toMatchObject({ state: 'CONNECTED', bytesSent: null, bytesReceived: null });
  });

  it('stops at a truncated message instead of reading past it', () => {
    const two = Buffer.concat([message(232), message(232).subarray(0, 50)]);
    expect(decodeInetDiag(two, 'tcp')).toHaveLength(1);
  });
});
