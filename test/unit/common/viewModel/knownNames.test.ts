import { describe, expect, it } from 'vitest';
import { nameLookup } from '../../../../src/common/viewModel/knownNames';

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
