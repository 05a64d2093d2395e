import { describe, expect, it } from 'vitest';
import { widestExposure } from '../../../../../src/common/viewModel/map/listeners';

describe('widestExposure', () => {
  it('is null for loopback-only listeners and the widest reach otherwise', () => {
    expect(widestExposure([{ localScope: 'loopback' }])).toBeNull();
    expect(widestExposure([{ localScope: 'loopback' }, { localScope: 'private' }])).toBe('private network');
    expect(widestExposure([{ localScope: 'private' }, { localScope: 'unspecified' }])).toBe('all interfaces');
    expect(widestExposure([{ localScope: 'unspecified' }, { localScope: 'public' }])).toBe('public');
  });
});
