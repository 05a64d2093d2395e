import { describe, expect, it } from 'vitest';
import { localAddressTest } from '../../../../../src/common/viewModel/map/localAddresses';
import { HOST_INTERFACES } from '../../../../support/syntheticSnapshot';

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
