import { describe, expect, it } from 'vitest';
import { collectorOption } from '../../../src/cli/collectorOption';
import { UsageError } from '../../../src/cli/errors';

describe('--collector', () => {
  it('takes the two collector names, and nothing when not given', () => {
    expect(collectorOption('procfs')).toBe('procfs');
    expect(collectorOption('systeminformation')).toBe('systeminformation');
    expect(collectorOption(undefined)).toBeUndefined();
  });

  it('refuses any other name with a usage error that lists the right ones', () => {
    expect(() => collectorOption('netstat')).toThrow(UsageError);
    expect(() => collectorOption('netstat')).toThrow("unknown collector 'netstat' (procfs or systeminformation)");
  });
});
