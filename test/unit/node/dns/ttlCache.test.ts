import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../../../src/node/dns/ttlCache';
import type { DnsResult } from '../../../../src/common/dns/dnsModel';

const ok = (ttls: (number | null)[]): DnsResult => ({
  query: 'x',
  type: 'A',
  server: 's',
  elapsedMs: 1,
  answers: ttls.map((ttl, i) => ({ type: 'A', value: `10.0.0.${i}`, ttl })),
  error: null,
});

describe('TtlCache', () => {
  it('keeps an answer for its smallest TTL and counts the TTLs down', () => {
    let now = 1_000_000;
    const c = new TtlCache({ now: () => now });
    c.set('k', ok([300, 100]));
    now += 40_000;
    expect(c.get('k')!.answers.map((a) => a.ttl)).toEqual([260, 60]);
    expect(c.get('k')!.cached).toBe(true);
    now += 60_001;
    expect(c.get('k')).toBeNull();
  });

  it('keeps negative answers briefly, failures not at all, and evicts the oldest', () => {
    let now = 0;
    const c = new TtlCache({ now: () => now, negativeTtlS: 10, maxEntries: 2 });
    c.set('nx', { ...ok([]), error: { code: 'NXDOMAIN', message: '' } });
    c.set('fail', { ...ok([]), error: { code: 'TIMEOUT', message: '' } });
    expect(c.get('fail')).toBeNull();
    now += 9000;
    expect(c.get('nx')).not.toBeNull();
    now += 2000;
    expect(c.get('nx')).toBeNull();
    c.set('a', ok([60]));
    c.set('b', ok([60]));
    c.set('c', ok([60]));
    expect(c.size).toBe(2);
    expect(c.get('a')).toBeNull();
  });

  it('uses a default lifetime when records carry no TTL', () => {
    const c = new TtlCache({ unknownTtlS: 42 });
    expect(c.lifetimeS(ok([null]))).toBe(42);
  });
});
