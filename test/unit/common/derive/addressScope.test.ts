import { describe, expect, it } from 'vitest';
import { addressScope, unmapIPv4 } from '../../../../src/common/derive/addressScope';
import { portClass } from '../../../../src/common/derive/portClass';

describe('addressScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.20', 'private'],
    ['172.32.0.1', 'public'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['224.0.0.251', 'multicast'],
    ['ff02::fb', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['192.0.2.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
  ])('%s is %s', (address, scope) => {
    expect(addressScope(address)).toBe(scope);
  });

  it('gives an IPv4-mapped IPv6 address its IPv4 scope', () => {
    expect(addressScope('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressScope('::ffff:192.168.0.9')).toBe('private');
    expect(addressScope('::ffff:8.8.4.4')).toBe('public');
  });

  it('accepts bracketed IPv6 and never throws on garbage', () => {
    expect(addressScope('[::1]')).toBe('loopback');
    for (const junk of ['', 'localhost', '300.1.1.1', '1.2.3', ':::', '::ffff:999.1.1.1']) {
      expect(addressScope(junk)).toBe('reserved');
    }
  });

  it('unmaps only IPv4-mapped addresses', () => {
    expect(unmapIPv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(unmapIPv4('::ffff:abcd')).toBe('::ffff:abcd');
    expect(unmapIPv4('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('portClass', () => {
  it.each([
    [0, 'system'],
    [443, 'system'],
    [1023, 'system'],
    [1024, 'registered'],
    [49151, 'registered'],
    [49152, 'dynamic'],
    [65535, 'dynamic'],
  ])('%i is %s', (port, cls) => {
    expect(portClass(port)).toBe(cls);
  });
});
