import { describe, expect, it } from 'vitest';
import { decodeIPv4Hex, decodeIPv6Hex } from '../../../../../src/node/collectors/procfs/hexAddress';

describe('decodeIPv4Hex', () => {
  it('reads little-endian words as the kernel prints them', () => {
    expect(decodeIPv4Hex('0100007F')).toBe('127.0.0.1');
    expect(decodeIPv4Hex('00000000')).toBe('0.0.0.0');
    expect(decodeIPv4Hex('0101A8C0')).toBe('192.168.1.1');
    expect(decodeIPv4Hex('0a0b0c0d')).toBe('13.12.11.10');
  });
  it('rejects malformed text', () => {
    expect(decodeIPv4Hex('0100007')).toBeNull();
    expect(decodeIPv4Hex('0100007G')).toBeNull();
    expect(decodeIPv4Hex('')).toBeNull();
  });
});

describe('decodeIPv6Hex', () => {
  it('formats as inet_ntop does (what ss prints)', () => {
    expect(decodeIPv6Hex('00000000000000000000000000000000')).toBe('::');
    expect(decodeIPv6Hex('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIPv6Hex('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeIPv6Hex('000080FE00000000FF0F0A0018FE2E3C')).toBe('fe80::a:fff:3c2e:fe18');
    expect(decodeIPv6Hex('B80D0120000000000000000001000000')).toBe('2001:db8::1');
    expect(decodeIPv6Hex('B80D0120000000000000000000000000')).toBe('2001:db8::');
  });
  it('compresses only the longest zero run, and never a single zero word', () => {
    // 1:0:0:2:0:0:0:3
    expect(decodeIPv6Hex('00000100020000000000000003000000')).toBe('1:0:0:2::3');
    // 2001:db8:0:1:1:1:1:1
    expect(decodeIPv6Hex('B80D0120010000000100010001000100')).toBe('2001:db8:0:1:1:1:1:1');
  });
  it('rejects malformed text', () => {
    expect(decodeIPv6Hex('0000')).toBeNull();
    expect(decodeIPv6Hex('Z0000000000000000000000001000000')).toBeNull();
  });
});
