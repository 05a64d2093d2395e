/**
 * The netlink addon's general request path against the real kernel: a dump answers, a request
 * the kernel rejects throws with its errno, a malformed message is refused before any system call.
 */
import { describe, expect, it } from 'vitest';
import { loadNetlinkAddon, NETLINK_SOCK_DIAG } from '../../src/node/netlink/netlinkAddon';
import { decodeInetDiag, inetDiagDumpRequest, AF_INET, IPPROTO_TCP } from '../../src/node/netlink/inetDiag';

const status = loadNetlinkAddon();

describe('netlink addon', () => {
  it('is built on this machine (npm ci builds it; see native/sockdiag/build/UNAVAILABLE.txt if not)', () => {
    expect(status.ok, status.ok ? '' : status.reason).toBe(true);
  });

  it('answers a sock_diag dump with decodable messages', () => {
    if (!status.ok) return;
    const reply = status.addon.request(NETLINK_SOCK_DIAG, inetDiagDumpRequest(AF_INET, IPPROTO_TCP, 1 << 10, false));
    // At least the LISTEN sockets of this machine (sshd, the test runner's own servers…) or none.
    for (const row of decodeInetDiag(reply, 'tcp')) expect(row.state).toBe('LISTEN');
  });

  it('copies the replies into a buffer it is given when they fit, else returns a new one', () => {
    if (!status.ok) return;
    const req = inetDiagDumpRequest(AF_INET, IPPROTO_TCP, 1 << 10, false);
    const whole = status.addon.request(NETLINK_SOCK_DIAG, req) as Buffer;
    const into = Buffer.alloc(whole.length + 4096);
    const n = status.addon.request(NETLINK_SOCK_DIAG, req, into);
    expect(typeof n).toBe('number');
    // Whole messages (other jobs on this machine may open or close listeners in between, so
    // the two answers need not be equal): their lengths add up to what was returned.
    let off = 0;
    while (off < (n as number)) off += (into.readUInt32LE(off) + 3) & ~3;
    expect(off).toBe(n);
    for (const r of decodeInetDiag(into.subarray(0, n as number), 'tcp')) expect(r.state).toBe('LISTEN');
    if (whole.length > 0)
      expect(Buffer.isBuffer(status.addon.request(NETLINK_SOCK_DIAG, req, Buffer.alloc(1)))).toBe(true);
  });

  it('throws the kernel’s errno for a rejected request, and a TypeError for a malformed one', () => {
    if (!status.ok) return;
    const bad = inetDiagDumpRequest(99, IPPROTO_TCP, 0xffffffff, false); // no such address family
    let err: (Error & { errno?: number }) | null = null;
    try {
      status.addon.request(NETLINK_SOCK_DIAG, bad);
    } catch (e) {
      err = e as Error & { errno?: number };
    }
    expect(err?.message).toMatch(/netlink request/);
    expect(err?.errno).toBeGreaterThan(0);
    expect(() => status.addon.request(NETLINK_SOCK_DIAG, new Uint8Array(4))).toThrow(TypeError);
  });
});
