/**
 * DNS through `sockeye serve --dns-server`: the WebSocket API the UI uses, a bad server from a
 * client, a bad --dns-server flag, and shutdown (SIGINT) while a lookup is still waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { DnsResultSchema } from '../../src/common/dns/dnsModel';
import { startDnsServer, TEST_DNS, type TestDnsServer } from '../support/dnsServer';
import { runCli } from '../support/runCli';
import { startServe, type Serve } from '../support/serve';

let dns: TestDnsServer;
let serve: Serve;
beforeAll(async () => {
  dns = await startDnsServer();
  serve = await startServe(['--dns-server', dns.address]);
});
afterAll(async () => {
  await serve?.stop();
  await dns?.close();
});

async function openWs(s: Serve): Promise<WebSocket> {
  const session = await s.session();
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, { headers: { Authorization: `Bearer ${session}` } });
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<Record<string, unknown>> {
  return new Promise((res) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString());
      if (m.id !== id) return;
      ws.off('message', onMessage);
      res(m);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe('DNS over the serve API', () => {
  it('dnsLookup and dnsReverse answer from the --dns-server', async () => {
    const ws = await openWs(serve);
    try {
      const lookup = await call(ws, 1, 'dnsLookup', { name: TEST_DNS.multi.name, types: ['A', 'MX'] });
      const results = z.array(DnsResultSchema).parse(lookup.result);
      expect(results[0]!.server).toBe(dns.address);
      expect(results[0]!.answers.map((a) => a.value).sort()).toEqual(TEST_DNS.multi.a);
      expect(results[1]!.error?.code).toBe('NODATA');
      const reverse = await call(ws, 2, 'dnsReverse', { address: TEST_DNS.confirmed.address });
      expect(DnsResultSchema.parse(reverse.result).answers[0]).toMatchObject({
        value: TEST_DNS.confirmed.name,
        confirmed: true,
      });
    } finally {
      ws.close();
    }
  });

  it('a bad server from the client is BAD_REQUEST, and the connection keeps working', async () => {
    const ws = await openWs(serve);
    try {
      const bad = await call(ws, 1, 'dnsReverse', { address: '127.0.0.1', server: 'dns.example.com' });
      expect(bad).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      const tooLong = await call(ws, 2, 'dnsLookup', { name: 'x'.repeat(2000) });
      expect(tooLong).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      const ok = await call(ws, 3, 'dnsLookup', { name: 'mail.sockeye.test' });
      expect(z.array(DnsResultSchema).parse(ok.result)[0]!.answers[0]!.value).toBe('10.0.0.25');
    } finally {
      ws.close();
    }
  });

  it('SIGINT while a lookup waits on a silent server: the lookup is cancelled and serve exits with 0', async () => {
    const own = await startServe(['--dns-server', dns.address]);
    const ws = await openWs(own);
    const closed = new Promise((res) => ws.once('close', res));
    const pending = call(ws, 1, 'dnsLookup', { name: 'silent.sockeye.test', types: ['TXT'], timeoutMs: 30_000 });
    while (!dns.log.some((q) => q.name === 'silent.sockeye.test' && q.type === 'TXT'))
      await new Promise((r) => setTimeout(r, 20));
    const stopped = own.stop();
    // The waiting caller is told, rather than left hanging for 30 s.
    await expect(Promise.race([pending, closed.then(() => 'closed without an answer')])).resolves.toMatchObject({
      id: 1,
      error: { code: 'CANCELLED' },
    });
    await expect(stopped).resolves.toBe(0);
  }, 20_000);
});

describe('serve --dns-server', () => {
  it('a server that is not IP[:PORT] is bad usage: exit 2, one line', async () => {
    const r = await runCli(['serve', '--port', '0', '--dns-server', 'dns.example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--dns-server: DNS server must be an IP address/);
  });
});
