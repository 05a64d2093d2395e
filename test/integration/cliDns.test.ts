/**
 * `sockeye dns` as a user runs it, against a real DNS server on loopback: exit codes, the JSON
 * contract of issue 4, the dig-like text, and the error paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResultSchema } from '../../src/common/dns/dnsModel';
import { startDnsServer, TEST_DNS, unusedUdpPort, type TestDnsServer } from '../support/dnsServer';
import { runCli } from '../support/runCli';

let srv: TestDnsServer;
beforeAll(async () => {
  srv = await startDnsServer();
});
afterAll(async () => {
  await srv?.close();
});

const dns = (...args: string[]) => runCli(['dns', ...args, '--server', srv.address]);

function expectContract(doc: unknown) {
  const parsed = DnsResultSchema.strict().safeParse(doc);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  const o = doc as Record<string, unknown>;
  for (const key of ['query', 'type', 'server', 'elapsedMs', 'answers', 'error']) expect(o).toHaveProperty(key);
  return parsed.data!;
}

describe('sockeye dns lookup', () => {
  it('--json: several A records with TTLs, the server and the time; exit 0', async () => {
    const r = await dns('lookup', TEST_DNS.multi.name, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = expectContract(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ query: TEST_DNS.multi.name, type: 'A', server: srv.address, error: null });
    expect(typeof doc.elapsedMs).toBe('number');
    expect(doc.answers.map((a) => a.value).sort()).toEqual(TEST_DNS.multi.a);
    for (const a of doc.answers) expect(Object.keys(a).sort()).toEqual(['ttl', 'type', 'value']);
  });

  it('--type MX: exchange in value, priority beside', async () => {
    const r = await dns('lookup', 'sockeye.test', '--type', 'mx', '--json');
    expect(r.code).toBe(0);
    expect(expectContract(JSON.parse(r.stdout)).answers[0]).toEqual({
      type: 'MX',
      value: 'mail.sockeye.test',
      priority: 10,
      ttl: null,
    });
  });

  it('several --type give an array, one result per type', async () => {
    const r = await dns('lookup', TEST_DNS.alias.name, '--type', 'A', '--type', 'CNAME,TXT', '--json');
    expect(r.code).toBe(0);
    const docs = (JSON.parse(r.stdout) as unknown[]).map(expectContract);
    expect(docs.map((d) => d.type)).toEqual(['A', 'CNAME', 'TXT']);
    expect(docs[0]!.answers.slice(0, 2).map((a) => a.value)).toEqual(TEST_DNS.alias.chain);
    expect(docs[1]!.answers.map((a) => a.value)).toEqual([TEST_DNS.alias.chain[0]]);
    expect(docs[2]!.error?.code).toBe('NODATA');
  });

  it('text: a header line, then one value per line like dig +short', async () => {
    const r = await dns('lookup', TEST_DNS.multi.name);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^;; ${TEST_DNS.multi.name} A @${srv.address} [\\d.]+ ms`));
    expect(lines.slice(1, 4).sort()).toEqual(TEST_DNS.multi.a);
    const mx = await dns('lookup', 'sockeye.test', '-t', 'MX');
    expect(mx.stdout.split('\n').slice(1, 3)).toEqual(['10 mail.sockeye.test', '20 backup.sockeye.test']);
  });

  it('a truncated answer is retried over TCP', async () => {
    const r = await dns('lookup', TEST_DNS.big.name, '--json');
    expect(r.code).toBe(0);
    expect(expectContract(JSON.parse(r.stdout)).answers).toHaveLength(TEST_DNS.big.count);
  });

  it.each([
    ['nothing.sockeye.test', 'NXDOMAIN'],
    ['servfail.sockeye.test', 'SERVFAIL'],
    ['refused.sockeye.test', 'REFUSED'],
  ])('%s: exit 1 with error %s', async (name, code) => {
    const r = await dns('lookup', name, '--json');
    expect(r.code).toBe(1);
    const doc = expectContract(JSON.parse(r.stdout));
    expect(doc.error?.code).toBe(code);
    expect(doc.answers).toEqual([]);
    const text = await dns('lookup', name);
    expect(text.code).toBe(1);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).toContain(code);
  });

  it('a server that never answers: TIMEOUT after --timeout, exit 1', async () => {
    const r = await dns('lookup', 'silent.sockeye.test', '--timeout', '300', '--json');
    expect(r.code).toBe(1);
    expect(expectContract(JSON.parse(r.stdout)).error?.code).toBe('TIMEOUT');
  });

  it('an unreachable server: UNREACHABLE, exit 1', async () => {
    const r = await runCli([
      'dns',
      'lookup',
      TEST_DNS.multi.name,
      '--server',
      `127.0.0.1:${await unusedUdpPort()}`,
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(expectContract(JSON.parse(r.stdout)).error?.code).toBe('UNREACHABLE');
  });

  it('a bad host name: BADNAME, exit 1, and nothing is asked', async () => {
    const before = srv.log.length;
    const r = await dns('lookup', 'bad..name.sockeye.test', '--json');
    expect(r.code).toBe(1);
    const doc = expectContract(JSON.parse(r.stdout));
    expect(doc.error?.code).toBe('BADNAME');
    expect(srv.log.length).toBe(before);
    const text = await dns('lookup', `${'x'.repeat(70)}.test`);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/BADNAME: .*at most 63/);
  });
});

describe('sockeye dns reverse', () => {
  it('a forward-confirmed PTR name', async () => {
    const r = await dns('reverse', TEST_DNS.confirmed.address, '--json');
    expect(r.code).toBe(0);
    const doc = expectContract(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ query: TEST_DNS.confirmed.address, type: 'PTR', error: null });
    expect(doc.answers).toEqual([{ type: 'PTR', value: TEST_DNS.confirmed.name, ttl: null, confirmed: true }]);
  });

  it('text says whether the name is confirmed, and names from the hosts file', async () => {
    const r = await dns('reverse', '127.0.0.1');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^;; 127\.0\.0\.1 PTR @/);
    expect(lines[1]).toBe(TEST_DNS.loopback.name);
    expect(r.stdout).toContain(`${TEST_DNS.loopback.name} forward-confirmed`);
    expect(r.stdout).toContain('localhost (hosts file)');
    const liar = await dns('reverse', TEST_DNS.unconfirmed.address);
    expect(liar.stdout).toContain(`${TEST_DNS.unconfirmed.name} NOT forward-confirmed`);
  });

  it('no PTR record: NXDOMAIN, exit 1; a silent server: TIMEOUT', async () => {
    const r = await dns('reverse', TEST_DNS.noPtr, '--json');
    expect(r.code).toBe(1);
    expect(expectContract(JSON.parse(r.stdout)).error?.code).toBe('NXDOMAIN');
    const t = await dns('reverse', TEST_DNS.silentAddress, '--timeout', '300', '--json');
    expect(t.code).toBe(1);
    expect(expectContract(JSON.parse(t.stdout)).error?.code).toBe('TIMEOUT');
  });

  it('not an address: BADNAME, exit 1', async () => {
    const r = await dns('reverse', 'localhost', '--json');
    expect(r.code).toBe(1);
    expect(expectContract(JSON.parse(r.stdout)).error?.code).toBe('BADNAME');
  });
});

describe('bad usage exits 2 with one line and no stack', () => {
  it.each([
    [['dns']],
    [['dns', 'resolve', 'x']],
    [['dns', 'lookup']],
    [['dns', 'lookup', 'a.test', 'b.test']],
    [['dns', 'lookup', 'a.test', '--type', 'BOGUS']],
    [['dns', 'lookup', 'a.test', '--server', 'not-an-ip']],
    [['dns', 'lookup', 'a.test', '--server', '127.0.0.1:99999']],
    [['dns', 'lookup', 'a.test', '--timeout', 'soon']],
    [['dns', 'lookup', 'a.test', '--frobnicate']],
    [['dns', 'reverse', '127.0.0.1', '--type', 'A']],
  ])('%j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sockeye: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help exits 0', async () => {
    const r = await runCli(['dns', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sockeye dns lookup NAME');
  });
});
