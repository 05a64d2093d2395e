import { describe, expect, it } from 'vitest';
import { checkQueryName } from '../../../../src/node/dns/names';

describe('checkQueryName', () => {
  it('accepts names, lower-cases them, converts IDN and drops the trailing dot', () => {
    expect(checkQueryName('Example.COM.')).toEqual({ ok: true, ascii: 'example.com' });
    expect(checkQueryName('bücher.de')).toEqual({ ok: true, ascii: 'xn--bcher-kva.de' });
    expect(checkQueryName('_sip._tcp.example.com')).toEqual({ ok: true, ascii: '_sip._tcp.example.com' });
    expect(checkQueryName(`${'a'.repeat(63)}.com`).ok).toBe(true);
  });

  it('rejects bad names with a reason', () => {
    const reason = (n: string) => {
      const r = checkQueryName(n);
      return r.ok ? null : r.message;
    };
    expect(reason(`${'a'.repeat(64)}.com`)).toMatch(/at most 63/);
    expect(reason(Array(100).fill('abc').join('.'))).toMatch(/at most 253/);
    expect(reason('a..b')).toMatch(/empty label/);
    expect(reason('a b.com')).toMatch(/not a valid domain name/);
    expect(reason('ex*ample.com')).toMatch(/characters/);
    expect(reason('-x.com')).toMatch(/characters/);
    expect(reason('')).toMatch(/empty/);
    expect(reason('192.0.2.1')).toMatch(/IP address/);
  });
});
