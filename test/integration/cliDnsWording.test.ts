/**
 * The DNS text a new user reads: a name refused before anything is sent says so (no server, no
 * time in the header), and error lines give each code once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../support/dnsServer';
import { runCli } from '../support/runCli';

let srv: TestDnsServer;
beforeAll(async () => {
  srv = await startDnsServer();
});
afterAll(async () => {
  await srv?.close();
});

describe('sockeye dns wording', () => {
  it('a name refused before sending: "not sent", no server or time', async () => {
    const r = await runCli(['dns', 'lookup', 'bad_name!', '--server', srv.address]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(';; bad_name! A not sent: refused before any query\n');
    expect(r.stdout).not.toContain(srv.address);
    expect(r.stderr).toMatch(/^sockeye: bad_name! A: BADNAME: /);
  });

  it('an answer that does not exist names its code once', async () => {
    const r = await runCli(['dns', 'lookup', 'nothing.sockeye.test', '--server', srv.address]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^;; nothing\\.sockeye\\.test A @${srv.address.replace(/[.[\]]/g, '\\$&')} `));
    expect(r.stderr.trimEnd()).toBe('sockeye: nothing.sockeye.test A: NXDOMAIN: the name does not exist');
    expect(r.stderr.match(/NXDOMAIN/g)).toHaveLength(1);
  });
});
