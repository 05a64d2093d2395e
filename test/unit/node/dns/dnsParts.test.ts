/** The resolver's pure parts: name checks, the TTL cache, the limiter, hosts-file parsing. */
import { describe, expect, it } from 'vitest';
import { checkQueryName } from '../../../../src/node/dns/names';
import { DeadlineError, Limiter, LimiterClosedError } from '../../../../src/node/dns/limiter';
import { TtlCache } from '../../../../src/node/dns/ttlCache';
import { parseHosts } from '../../../../src/node/dns/hostsFile';
import { dnsServersFromArgv } from '../../../../src/node/dns/dnsServersFromArgv';
import type { DnsResult } from '../../../../src/common/dns/dnsModel';

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

describe('Limiter', () => {
  it('runs at most N at once and hands slots on in order', async () => {
    const l = new Limiter(2);
    const far = Date.now() + 10_000;
    const r1 = await l.acquire(far);
    await l.acquire(far);
    let third = false;
    const p3 = l.acquire(far).then((r) => ((third = true), r));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    expect(l.active).toBe(2);
    r1();
    r1(); // releasing twice frees one slot only
    (await p3)();
    expect(third).toBe(true);
    expect(l.active).toBe(1);
  });

  it('a waiter gives up at its deadline; close() rejects the rest', async () => {
    const l = new Limiter(1);
    await l.acquire(Date.now() + 10_000);
    await expect(l.acquire(Date.now() + 20)).rejects.toBeInstanceOf(DeadlineError);
    const waiting = l.acquire(Date.now() + 10_000);
    l.close();
    await expect(waiting).rejects.toBeInstanceOf(LimiterClosedError);
    await expect(l.acquire(Date.now() + 10_000)).rejects.toBeInstanceOf(LimiterClosedError);
  });
});

describe('parseHosts', () => {
  it('maps addresses to names and back, skipping comments and junk', () => {
    const t = parseHosts(
      '# comment\n127.0.0.1 localhost runsc\n::1 localhost ip6-localhost # trailing\nnot-an-ip foo\n\n10.0.0.7\tdb.internal\n',
    );
    expect(t.byAddress.get('127.0.0.1')).toEqual(['localhost', 'runsc']);
    expect(t.byAddress.get('::1')).toEqual(['localhost', 'ip6-localhost']);
    expect(t.byName.get('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(t.byName.get('db.internal')).toEqual(['10.0.0.7']);
    expect(t.byName.has('foo')).toBe(false);
  });
});

describe('dnsServersFromArgv', () => {
  it('takes both spellings and skips bad ones with a warning', () => {
    const warnings: string[] = [];
    const got = dnsServersFromArgv(
      ['electron', '.', '--dns-server', '10.0.0.53', '--dns-server=[::1]:5353', '--dns-server', 'bogus'],
      (m) => warnings.push(m),
    );
    expect(got).toEqual(['10.0.0.53:53', '[::1]:5353']);
    expect(warnings).toHaveLength(1);
  });
});
