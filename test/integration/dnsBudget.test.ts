/**
 * The DNS time budget (issue 18 §6), against the tests' DNS server on loopback: `--timeout`
 * above c-ares' own 5 s is honoured (the query is sent again while time is left), the time
 * reported is the time waited, and a truncated UDP answer whose TCP retry is refused says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, TEST_DNS, unusedUdpPort, type TestDnsServer } from '../support/dnsServer';
import { runCli } from '../support/runCli';

let srv: TestDnsServer;
let udpOnly: TestDnsServer;
beforeAll(async () => {
  srv = await startDnsServer();
  udpOnly = await startDnsServer({ tcp: false });
});
afterAll(async () => {
  await srv?.close();
  await udpOnly?.close();
});

type Result = { answers: { value: string }[]; error: { code: string; message: string } | null; elapsedMs: number };

async function lookup(server: { address: string }, name: string, timeoutMs: number) {
  const t0 = Date.now();
  const r = await runCli(
    ['dns', 'lookup', name, '--server', server.address, '--timeout', String(timeoutMs), '--json'],
    {
      timeoutMs: timeoutMs + 20_000,
    },
  );
  return { code: r.code, doc: JSON.parse(r.stdout) as Result, wallMs: Date.now() - t0, stderr: r.stderr };
}

describe('sockeye dns and the --timeout budget', () => {
  it('hears a server that answers after 6 s when given 10 s (c-ares alone gives up at 5 s)', async () => {
    const r = await lookup(srv, TEST_DNS.late.name, 10_000);
    expect(r.doc.error).toBeNull();
    expect(r.doc.answers.map((a) => a.value)).toEqual([TEST_DNS.late.a]);
    expect(r.code).toBe(0);
    expect(r.doc.elapsedMs).toBeGreaterThanOrEqual(TEST_DNS.late.afterMs - 100);
    // Asked again after c-ares gave up: the server saw the question more than once.
    expect(srv.log.filter((q) => q.name === TEST_DNS.late.name).length).toBeGreaterThan(1);
  });

  it('waits the whole budget for a silent server and reports the time it waited', async () => {
    const r = await lookup(srv, 'silent.sockeye.test', 7000);
    expect(r.code).toBe(1);
    expect(r.doc.error?.code).toBe('TIMEOUT');
    // Never before the budget is spent (it ended at 5.0 s before), and as long as it says.
    expect(r.doc.elapsedMs).toBeGreaterThanOrEqual(6900);
    expect(r.wallMs).toBeGreaterThanOrEqual(r.doc.elapsedMs);
    expect(r.doc.error?.message).toMatch(
      // Sent again on the same socket while time was left (every 2 s): 0, 2, 4 and 6 s.
      new RegExp(`^no answer from 127\\.0\\.0\\.1:${srv.port} in ${Math.round(r.doc.elapsedMs)} ms \\(4 tries\\)$`),
    );
  });

  it('a short budget is one try, and says its own length', async () => {
    const r = await lookup(srv, 'silent.sockeye.test', 300);
    expect(r.doc.error?.code).toBe('TIMEOUT');
    expect(r.doc.error?.message).toBe(`no answer from ${srv.address} in ${Math.round(r.doc.elapsedMs)} ms`);
    expect(r.wallMs).toBeGreaterThanOrEqual(r.doc.elapsedMs);
  });
});

describe('a truncated UDP answer whose TCP retry is refused', () => {
  it('says the server truncated over UDP and refused TCP, not "no DNS server"', async () => {
    const r = await lookup(udpOnly, TEST_DNS.big.name, 3000);
    expect(r.code).toBe(1);
    expect(r.doc.error?.code).toBe('SERVFAIL');
    expect(r.doc.error?.message).toBe(
      `${udpOnly.address} answered over UDP with a truncated (TC) reply, then refused the TCP connection the full answer needs`,
    );
    expect(udpOnly.log.some((q) => q.name === TEST_DNS.big.name && q.transport === 'udp')).toBe(true);
  });

  it('still calls a port with nothing on it unreachable, at once', async () => {
    const r = await lookup({ address: `127.0.0.1:${await unusedUdpPort()}` }, TEST_DNS.multi.name, 3000);
    expect(r.doc.error?.code).toBe('UNREACHABLE');
    expect(r.doc.elapsedMs).toBeLessThan(3000);
  });
});

/** Several types at once, as `--json` prints them: one result per type. */
async function lookupTypes(server: { address: string }, name: string, types: string, timeoutMs: number) {
  const r = await runCli(
    ['dns', 'lookup', name, '--type', types, '--server', server.address, '--timeout', String(timeoutMs), '--json'],
    { timeoutMs: timeoutMs + 20_000 },
  );
  const doc = JSON.parse(r.stdout) as Result | Result[];
  return (Array.isArray(doc) ? doc : [doc]).map((d) => ({ answers: d.answers, error: d.error?.code ?? null }));
}

describe("budgets past c-ares' 5 s: one socket of our own (dns-packet) for the whole budget", () => {
  it('hears a server that answers each packet only 6 s after it came, given 10 s', async () => {
    const r = await lookup(srv, TEST_DNS.patient.name, 10_000);
    expect(r.doc.error).toBeNull();
    expect(r.doc.answers.map((a) => a.value)).toEqual([TEST_DNS.patient.a]);
    expect(r.code).toBe(0);
    expect(r.doc.elapsedMs).toBeGreaterThanOrEqual(TEST_DNS.patient.delayMs - 100);
    expect(r.doc.elapsedMs).toBeLessThan(10_000);
  });

  it('gives the same records and errors as the short-budget (c-ares) path, type by type', async () => {
    const cases: [string, string][] = [
      ['sockeye.test', 'MX,TXT,CAA,SOA,NS'],
      [TEST_DNS.multi.name, 'A,AAAA'],
      ['_http._tcp.sockeye.test', 'SRV'],
      [TEST_DNS.alias.name, 'A,CNAME'],
      ['nope.sockeye.test', 'A'],
      [TEST_DNS.multi.name, 'MX'],
      ['servfail.sockeye.test', 'A'],
      ['refused.sockeye.test', 'A'],
      [TEST_DNS.bidiTxt.name, 'TXT'], // bytes that are not ASCII: read one character per byte by both
    ];
    for (const [name, types] of cases) {
      const short = await lookupTypes(srv, name, types, 2000);
      const long = await lookupTypes(srv, name, types, 6000);
      expect({ name, types, long }).toEqual({ name, types, long: short });
    }
  });

  it('fetches a truncated answer over TCP within the budget', async () => {
    const r = await lookup(srv, TEST_DNS.big.name, 6000);
    expect(r.doc.error).toBeNull();
    expect(r.doc.answers).toHaveLength(TEST_DNS.big.count);
  });

  it('says so when TCP is then refused, and a closed port is still unreachable at once', async () => {
    const r = await lookup(udpOnly, TEST_DNS.big.name, 6000);
    expect(r.doc.error?.code).toBe('SERVFAIL');
    expect(r.doc.error?.message).toContain('truncated (TC) reply, then refused the TCP connection');
    const closed = await lookup({ address: `127.0.0.1:${await unusedUdpPort()}` }, TEST_DNS.multi.name, 6000);
    expect(closed.doc.error?.code).toBe('UNREACHABLE');
    expect(closed.doc.elapsedMs).toBeLessThan(3000);
  });
});
