/**
 * The resolver service against a real DNS server on loopback (test/support/dnsServer.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsService, DnsServerSpecError } from '../../../../src/node/dns/dnsService';
import { DnsClosedError } from '../../../../src/node/dns/queryServer';
import { DnsResultSchema } from '../../../../src/common/dns/dnsModel';
import { startDnsServer, TEST_DNS, unusedUdpPort, type TestDnsServer } from '../../../support/dnsServer';

let srv: TestDnsServer;
let dns: DnsService;

beforeAll(async () => {
  srv = await startDnsServer();
  dns = new DnsService({ servers: [srv.address], timeoutMs: 1500 });
});
afterAll(async () => {
  dns?.close();
  await srv?.close();
});

const one = async (
  name: string,
  type: Parameters<DnsService['lookup']>[1] extends (infer T)[] | undefined ? T : never,
  s = dns,
) => {
  const [r] = await s.lookup(name, [type]);
  expect(DnsResultSchema.safeParse(r).success).toBe(true);
  return r!;
};

describe('forward lookups', () => {
  it('returns several A records, each with its TTL, the server and the time taken', async () => {
    const r = await one(TEST_DNS.multi.name, 'A');
    expect(r.error).toBeNull();
    expect(r.server).toBe(srv.address);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(r.answers.map((a) => a.value).sort()).toEqual(TEST_DNS.multi.a);
    expect(r.answers.every((a) => a.type === 'A' && typeof a.ttl === 'number' && a.ttl > 0)).toBe(true);
    expect(r.answers.find((a) => a.value === '10.0.0.3')!.ttl).toBe(120);
    // The system resolver does not know the test zone: shown beside, and marked as different.
    expect(r.system?.differs).toBe(true);
  });

  it('answers AAAA', async () => {
    const r = await one(TEST_DNS.multi.name, 'AAAA');
    expect(r.answers).toEqual([{ type: 'AAAA', value: 'fd00::1', ttl: 300 }]);
  });

  it('shows a CNAME chain before the addresses', async () => {
    const r = await one(TEST_DNS.alias.name, 'A');
    expect(r.answers.filter((a) => a.type === 'CNAME').map((a) => a.value)).toEqual(TEST_DNS.alias.chain);
    expect(
      r.answers
        .filter((a) => a.type === 'A')
        .map((a) => a.value)
        .sort(),
    ).toEqual(TEST_DNS.multi.a);
    expect(r.answers[0]!.type).toBe('CNAME');
  });

  it('returns MX (exchange in value, priority beside, lowest first), TXT, NS, SOA, SRV and CAA', async () => {
    const mx = await one('sockeye.test', 'MX');
    expect(mx.answers).toEqual([
      { type: 'MX', value: 'mail.sockeye.test', priority: 10, ttl: null },
      { type: 'MX', value: 'backup.sockeye.test', priority: 20, ttl: null },
    ]);
    expect((await one('sockeye.test', 'TXT')).answers.map((a) => a.value).sort()).toEqual([
      'hello world',
      'v=spf1 -all',
    ]);
    expect((await one('sockeye.test', 'NS')).answers.map((a) => a.value)).toEqual(['ns1.sockeye.test']);
    expect((await one('sockeye.test', 'SOA')).answers[0]!.value).toMatch(
      /^ns1\.sockeye\.test hostmaster\.sockeye\.test 2026112501 /,
    );
    expect((await one('_http._tcp.sockeye.test', 'SRV')).answers).toEqual([
      { type: 'SRV', value: 'web.sockeye.test', priority: 10, weight: 5, port: 8080, ttl: null },
    ]);
    expect((await one('sockeye.test', 'CAA')).answers[0]!.value).toBe('0 issue "letsencrypt.org"');
  });

  it('looks up several types at once, one result each', async () => {
    const rs = await dns.lookup(TEST_DNS.multi.name, ['A', 'AAAA', 'MX']);
    expect(rs.map((r) => [r.type, r.error?.code ?? null])).toEqual([
      ['A', null],
      ['AAAA', null],
      ['MX', 'NODATA'],
    ]);
  });

  it('retries a truncated UDP answer over TCP and returns every record', async () => {
    const r = await one(TEST_DNS.big.name, 'A');
    expect(r.error).toBeNull();
    expect(r.answers).toHaveLength(TEST_DNS.big.count);
    expect(srv.log.some((q) => q.name === TEST_DNS.big.name && q.type === 'A' && q.transport === 'udp')).toBe(true);
    expect(srv.log.some((q) => q.name === TEST_DNS.big.name && q.type === 'A' && q.transport === 'tcp')).toBe(true);
  });

  it('converts an international name with toASCII before asking', async () => {
    const r = await one('bücher.sockeye.test', 'A');
    expect(r.query).toBe('xn--bcher-kva.sockeye.test');
    expect(r.error?.code).toBe('NXDOMAIN');
    expect(srv.log.some((q) => q.name === 'xn--bcher-kva.sockeye.test')).toBe(true);
  });
});

describe('errors are told apart', () => {
  it('NXDOMAIN, NODATA, SERVFAIL, REFUSED', async () => {
    expect((await one('nothing-here.sockeye.test', 'A')).error?.code).toBe('NXDOMAIN');
    expect((await one(TEST_DNS.multi.name, 'MX')).error?.code).toBe('NODATA');
    expect((await one(TEST_DNS.multi.name, 'SOA')).error?.code).toBe('NODATA');
    expect((await one('servfail.sockeye.test', 'A')).error?.code).toBe('SERVFAIL');
    expect((await one('refused.sockeye.test', 'A')).error?.code).toBe('REFUSED');
  });

  it('a server that never answers ends in TIMEOUT at our own deadline', async () => {
    const [r] = await dns.lookup('silent.sockeye.test', ['A'], { timeoutMs: 300 });
    expect(r!.error?.code).toBe('TIMEOUT');
    expect(r!.answers).toEqual([]);
    expect(srv.log.some((q) => q.name === 'silent.sockeye.test')).toBe(true);
    expect(dns.activeQueries).toBe(0);
  });

  it('a reverse lookup the server never answers ends in TIMEOUT too', async () => {
    const r = await dns.reverse(TEST_DNS.silentAddress, { timeoutMs: 300 });
    expect(r.error?.code).toBe('TIMEOUT');
  });

  it('an unreachable server is UNREACHABLE', async () => {
    const port = await unusedUdpPort();
    const [r] = await dns.lookup(TEST_DNS.multi.name, ['A'], { servers: [`127.0.0.1:${port}`] });
    expect(r!.error?.code).toBe('UNREACHABLE');
    expect(r!.server).toBe(`127.0.0.1:${port}`);
  });

  it('bad names are BADNAME and never reach the server', async () => {
    const before = srv.log.length;
    const long = `${'a'.repeat(64)}.sockeye.test`;
    const tooLong = Array(130).fill('ab').join('.');
    for (const bad of [
      'a..sockeye.test',
      long,
      tooLong,
      'sp ace.sockeye.test',
      'star*.sockeye.test',
      '-dash.sockeye.test',
      '',
      '10.0.0.1',
    ]) {
      const r = await one(bad, 'A');
      expect(r.error?.code, bad).toBe('BADNAME');
      expect(r.error!.message.length).toBeGreaterThan(5);
    }
    expect(srv.log.length).toBe(before);
  });

  it('a bad address for a reverse lookup is BADNAME', async () => {
    for (const bad of ['not-an-ip', '300.1.1.1', '10.1', 'fe80::1::2'])
      expect((await dns.reverse(bad)).error?.code, bad).toBe('BADNAME');
  });

  it('a bad server spec is refused before anything is asked', async () => {
    expect(() => new DnsService({ servers: ['dns.example.com'] })).toThrow(DnsServerSpecError);
    await expect(dns.lookup('x.sockeye.test', ['A'], { servers: ['127.0.0.1:99999'] })).rejects.toThrow(
      DnsServerSpecError,
    );
  });
});

describe('reverse lookups', () => {
  it('a forward-confirmed PTR name', async () => {
    const r = await dns.reverse(TEST_DNS.confirmed.address);
    expect(r.type).toBe('PTR');
    expect(r.query).toBe(TEST_DNS.confirmed.address);
    expect(r.answers).toEqual([{ type: 'PTR', value: TEST_DNS.confirmed.name, ttl: null, confirmed: true }]);
    expect(r.names).toContainEqual({ name: TEST_DNS.confirmed.name, source: 'dns-ptr', confirmed: true });
  });

  it('a PTR name whose forward lookup does not give the address back is not confirmed', async () => {
    const r = await dns.reverse(TEST_DNS.unconfirmed.address);
    expect(r.answers[0]).toMatchObject({ value: TEST_DNS.unconfirmed.name, confirmed: false });
  });

  it('127.0.0.1: the DNS PTR name and the hosts file names, each with its source', async () => {
    const r = await dns.reverse('127.0.0.1');
    expect(r.names).toContainEqual({ name: TEST_DNS.loopback.name, source: 'dns-ptr', confirmed: true });
    expect(r.names).toContainEqual({ name: 'localhost', source: 'hosts-file', confirmed: true });
    expect(r.system?.values).toContain('localhost');
    expect(r.system?.differs).toBe(true);
  });

  it('without the system resolver (bulk resolving): DNS and the hosts file only', async () => {
    const r = await dns.reverse('127.0.0.1', { system: false });
    expect(r.system).toBeUndefined();
    expect(r.names).toContainEqual({ name: TEST_DNS.loopback.name, source: 'dns-ptr', confirmed: true });
    expect(r.names).toContainEqual({ name: 'localhost', source: 'hosts-file', confirmed: true });
  });

  it('IPv6 (and IPv4-mapped) addresses', async () => {
    const r = await dns.reverse('::1');
    expect(r.answers[0]).toMatchObject({ value: TEST_DNS.loopback6.name, confirmed: false });
    const mapped = await dns.reverse('::ffff:192.0.2.10');
    expect(mapped.query).toBe('192.0.2.10');
    expect(mapped.answers[0]?.value).toBe(TEST_DNS.confirmed.name);
  });

  it('no PTR record is NXDOMAIN', async () => {
    const r = await dns.reverse(TEST_DNS.noPtr);
    expect(r.error?.code).toBe('NXDOMAIN');
    expect(r.answers).toEqual([]);
  });
});

describe('cache, de-duplication, fail-over, shutdown', () => {
  it('answers again from the cache, counting TTLs down, without asking', async () => {
    const s = new DnsService({ servers: [srv.address] });
    try {
      const first = await one(TEST_DNS.multi.name, 'AAAA', s);
      const sent = s.queriesSent;
      const again = await one(TEST_DNS.multi.name, 'AAAA', s);
      expect(s.queriesSent).toBe(sent);
      expect(again.cached).toBe(true);
      expect(again.answers[0]!.ttl!).toBeLessThanOrEqual(first.answers[0]!.ttl!);
    } finally {
      s.close();
    }
  });

  it('keeps NXDOMAIN briefly, and does not keep SERVFAIL', async () => {
    const s = new DnsService({ servers: [srv.address] });
    try {
      await one('gone.sockeye.test', 'MX', s);
      const sent = s.queriesSent;
      expect((await one('gone.sockeye.test', 'MX', s)).cached).toBe(true);
      expect(s.queriesSent).toBe(sent);
      const asked = () => srv.log.filter((q) => q.name === 'servfail.sockeye.test' && q.type === 'MX').length;
      await one('servfail.sockeye.test', 'MX', s);
      const afterFail = asked();
      expect((await one('servfail.sockeye.test', 'MX', s)).cached).toBeUndefined();
      expect(asked()).toBe(afterFail + 1);
    } finally {
      s.close();
    }
  });

  it('asks once for the same question in flight', async () => {
    const s = new DnsService({ servers: [srv.address] });
    try {
      const before = srv.log.filter((q) => q.name === 'mail.sockeye.test' && q.type === 'A').length;
      const results = await Promise.all(Array.from({ length: 5 }, () => s.lookup('mail.sockeye.test', ['A'])));
      expect(results.every(([r]) => r!.answers.some((a) => a.value === '10.0.0.25'))).toBe(true);
      expect(srv.log.filter((q) => q.name === 'mail.sockeye.test' && q.type === 'A').length).toBe(before + 1);
    } finally {
      s.close();
    }
  });

  it('a caller who joins a question in flight keeps its own deadline, shorter or longer', async () => {
    const s = new DnsService({ servers: [srv.address] });
    const asked = () => srv.log.filter((q) => q.name === TEST_DNS.slow.name && q.type === 'A').length;
    const before = asked();
    try {
      // The first caller gives up at 200 ms; the second, asking the same, waits up to 3 s for the
      // answer that comes at 700 ms. Joined to the first's query, it would time out with it.
      const [[short], [long], [shorter]] = await Promise.all([
        s.lookup(TEST_DNS.slow.name, ['A'], { timeoutMs: 200 }),
        s.lookup(TEST_DNS.slow.name, ['A'], { timeoutMs: 3000 }),
        s.lookup(TEST_DNS.slow.name, ['A'], { timeoutMs: 100 }),
      ]);
      expect(short!.error?.code).toBe('TIMEOUT');
      expect(shorter!.error?.code).toBe('TIMEOUT');
      expect(long!.error).toBeNull();
      expect(long!.answers.map((a) => a.value)).toEqual([TEST_DNS.slow.a]);
      // Two questions sent: the first caller's and the long-deadline caller's own; the 100 ms caller joined one.
      expect(asked()).toBe(before + 2);
    } finally {
      s.close();
    }
  });

  it('passes over an unreachable server to the next, and says which one answered', async () => {
    const dead = `127.0.0.1:${await unusedUdpPort()}`;
    const s = new DnsService({ servers: [dead, srv.address] });
    try {
      const r = await one('ns1.sockeye.test', 'A', s);
      expect(r.error).toBeNull();
      expect(r.server).toBe(srv.address);
    } finally {
      s.close();
    }
  });

  it('close() cancels lookups in flight and refuses new ones', async () => {
    const s = new DnsService({ servers: [srv.address], timeoutMs: 20_000 });
    const pending = s.lookup('silent.sockeye.test', ['MX']);
    await new Promise((r) => setTimeout(r, 50));
    s.close();
    await expect(pending).rejects.toBeInstanceOf(DnsClosedError);
    await expect(s.reverse('127.0.0.1')).rejects.toBeInstanceOf(DnsClosedError);
    expect(s.activeQueries).toBe(0);
  });
});
