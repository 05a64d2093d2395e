import { describe, expect, it } from 'vitest';
import { nameLookup } from '../../../../src/common/viewModel/knownNames';
import { localAddressTest } from '../../../../src/common/viewModel/map/localAddresses';
import { widestExposure } from '../../../../src/common/viewModel/map/listeners';
import { HOST_INTERFACES } from '../../../support/syntheticSnapshot';

describe('nameLookup', () => {
  const known = [
    { address: '93.184.216.34', names: ['guess.example'], source: 'system-resolver' as const, confirmed: false },
    {
      address: '93.184.216.34',
      names: ['example.com', 'www.example.com'],
      source: 'dns-ptr' as const,
      confirmed: true,
    },
    { address: '2001:db8::1', names: [], source: 'dns-ptr' as const, confirmed: false },
  ];

  it('prefers a confirmed name, matches IPv4-mapped addresses, and has nothing for unknown ones', () => {
    const names = nameLookup(known);
    expect(names('93.184.216.34')).toBe('example.com');
    expect(names('::ffff:93.184.216.34')).toBe('example.com');
    expect(names('2001:db8::1')).toBeNull();
    expect(names('192.0.2.1')).toBeNull();
  });

  it('asks the fresher source first and falls back to the snapshot', () => {
    const names = nameLookup(known, (a) => (a === '192.0.2.1' ? 'fresh.example' : null));
    expect(names('192.0.2.1')).toBe('fresh.example');
    expect(names('93.184.216.34')).toBe('example.com');
  });
});

describe('localAddressTest', () => {
  const isLocal = localAddressTest(HOST_INTERFACES);
  it("tells this host's addresses (loopback, wildcard, its interfaces) from remote ones", () => {
    for (const a of [
      '127.0.0.1',
      '127.3.4.5',
      '::1',
      '0.0.0.0',
      '::',
      '10.0.0.2',
      '::ffff:10.0.0.2',
      '::ffff:127.0.0.1',
    ])
      expect(isLocal(a)).toBe(true);
    for (const a of ['10.0.0.3', '93.184.216.34', 'fe80::1', '2001:db8::1']) expect(isLocal(a)).toBe(false);
  });
});

describe('widestExposure', () => {
  it('is null for loopback-only listeners and the widest reach otherwise', () => {
    expect(widestExposure([{ localScope: 'loopback' }])).toBeNull();
    expect(widestExposure([{ localScope: 'loopback' }, { localScope: 'private' }])).toBe('private network');
    expect(widestExposure([{ localScope: 'private' }, { localScope: 'unspecified' }])).toBe('all interfaces');
    expect(widestExposure([{ localScope: 'unspecified' }, { localScope: 'public' }])).toBe('public');
  });
});
