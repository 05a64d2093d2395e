/** Address and server-spec parsing for DNS (pure, shared with the renderer). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arpaName, canonicalAddress, isResolvableAddress, sameAddress } from '../../../../src/common/dns/dnsAddress';
import { parseDnsServer } from '../../../../src/common/dns/dnsServerSpec';
import { dnsErrorWords, formatRecordShort } from '../../../../src/common/dns/dnsFormat';

describe('dnsAddress', () => {
  it('canonical text, mapped IPv4 and arpa names', () => {
    expect(canonicalAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalAddress('[2001:DB8:0:0::1]')).toBe('2001:db8::1');
    expect(canonicalAddress('10.1')).toBeNull();
    expect(canonicalAddress('example.com')).toBeNull();
    expect(sameAddress('::ffff:127.0.0.1', '127.0.0.1')).toBe(true);
    expect(arpaName('127.0.0.1')).toBe('1.0.0.127.in-addr.arpa');
    expect(arpaName('::1')).toBe(`1.${'0.'.repeat(31)}ip6.arpa`);
    expect(arpaName('2001:db8::567:89ab')).toBe(
      'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
  });

  it('an arpa name has 4 labels (IPv4) or 32 nibbles (IPv6) for any address', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const name = arpaName(ip)!;
        const labels = name.split('.');
        return name.endsWith('.in-addr.arpa') ? labels.length === 6 : labels.length === 34;
      }),
    );
  });

  it('unspecified and absent addresses are not worth resolving', () => {
    expect(isResolvableAddress('0.0.0.0')).toBe(false);
    expect(isResolvableAddress('::')).toBe(false);
    expect(isResolvableAddress(null)).toBe(false);
    expect(isResolvableAddress('*')).toBe(false);
    expect(isResolvableAddress('127.0.0.1')).toBe(true);
  });
});

describe('parseDnsServer', () => {
  it('HOST[:PORT] with IPv4 and bracketed IPv6', () => {
    expect(parseDnsServer('192.0.2.53')).toEqual({ host: '192.0.2.53', port: 53, text: '192.0.2.53:53' });
    expect(parseDnsServer('192.0.2.53:5353')).toMatchObject({ port: 5353, text: '192.0.2.53:5353' });
    expect(parseDnsServer('[::1]:5353')).toEqual({ host: '::1', port: 5353, text: '[::1]:5353' });
    expect(parseDnsServer('2001:db8::53')).toMatchObject({ host: '2001:db8::53', port: 53, text: '[2001:db8::53]:53' });
  });

  it('says what is wrong', () => {
    for (const bad of ['dns.example.com', '1.2.3.4:0', '1.2.3.4:70000', '[::1]:x', '', '1.2.3.4:'])
      expect(parseDnsServer(bad)).toHaveProperty('error');
  });
});

describe('dnsFormat', () => {
  it('dig +short style and words for errors', () => {
    expect(formatRecordShort({ type: 'MX', value: 'mail.example', priority: 10, ttl: null })).toBe('10 mail.example');
    expect(formatRecordShort({ type: 'SRV', value: 'h', priority: 1, weight: 2, port: 3, ttl: null })).toBe('1 2 3 h');
    expect(formatRecordShort({ type: 'TXT', value: 'a "b"', ttl: null })).toBe('"a \\"b\\""');
    expect(dnsErrorWords('NXDOMAIN', 'PTR')).toBe('no PTR record');
    expect(dnsErrorWords('TIMEOUT')).toBe('timed out');
    expect(dnsErrorWords('REFUSED')).toBe('server refused');
  });
});
