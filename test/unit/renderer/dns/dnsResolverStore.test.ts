/**
 * The renderer's shared resolver cache: a few lookups at a time, one call per address, queued
 * work that can be dropped. The API here is a controllable double: these tests are about the
 * queue, not DNS (the e2e tests drive the real thing).
 */
import { describe, expect, it } from 'vitest';
import type { SockeyeApi } from '../../../../src/common/contract/api';
import type { DnsResult } from '../../../../src/common/dns/dnsModel';
import { DnsResolverStore, RESOLVE_CONCURRENCY } from '../../../../src/renderer/src/dns/dnsResolverStore';

function controllableApi() {
  const waiting: { params: { address: string; system?: boolean }; resolve: (r: DnsResult) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const api = {
    dnsReverse: (params: { address: string; system?: boolean }) =>
      new Promise<DnsResult>((resolve) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        waiting.push({
          params,
          resolve: (r) => {
            inFlight--;
            resolve(r);
          },
        });
      }),
  } as unknown as SockeyeApi;
  const answer = (address: string): DnsResult => ({
    query: address,
    type: 'PTR',
    server: '127.0.0.1:53',
    elapsedMs: 1,
    answers: [{ type: 'PTR', value: `host-${address}.test`, ttl: null, confirmed: true }],
    error: null,
    names: [{ name: `host-${address}.test`, source: 'dns-ptr', confirmed: true }],
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const answerAll = async () => {
    while (waiting.length) {
      for (const w of waiting.splice(0)) w.resolve(answer(w.params.address));
      await flush();
    }
  };
  return { api, waiting, answerAll, flush, maxInFlight: () => maxInFlight };
}

describe('DnsResolverStore', () => {
  it(`asks at most ${RESOLVE_CONCURRENCY} at a time and keeps every answer`, async () => {
    const c = controllableApi();
    const store = new DnsResolverStore(c.api);
    const addresses = Array.from({ length: 10 }, (_, i) => `10.0.0.${i + 1}`);
    const all = Promise.all(addresses.map((a) => store.resolve(a, { bulk: true })));
    await c.flush();
    expect(c.waiting.length).toBe(RESOLVE_CONCURRENCY);
    expect(store.get('10.0.0.10')?.status).toBe('queued');
    await c.answerAll();
    await all;
    expect(c.maxInFlight()).toBe(RESOLVE_CONCURRENCY);
    for (const a of addresses)
      expect(store.get(a)).toMatchObject({ status: 'done', result: { names: [{ name: `host-${a}.test` }] } });
    expect(store.knownNames()).toHaveLength(10);
  });

  it('one call per address (IPv4-mapped forms are the same address); a click asks again, with the system resolver', async () => {
    const c = controllableApi();
    const store = new DnsResolverStore(c.api);
    const p = Promise.all([
      store.resolve('10.0.0.1', { bulk: true }),
      store.resolve('::ffff:10.0.0.1', { bulk: true }),
    ]);
    await c.flush();
    expect(c.waiting.map((w) => w.params)).toEqual([expect.objectContaining({ address: '10.0.0.1', system: false })]);
    await c.answerAll();
    await p;
    await store.resolve('10.0.0.1', { bulk: true }); // fresh: nothing asked
    expect(c.waiting).toHaveLength(0);
    const again = store.resolve('10.0.0.1', { force: true });
    await c.flush();
    expect(c.waiting.map((w) => w.params.system)).toEqual([true]);
    await c.answerAll();
    await again;
  });

  it('cancelQueued drops what has not started; what is in flight finishes', async () => {
    const c = controllableApi();
    const store = new DnsResolverStore(c.api);
    const all = Promise.all(Array.from({ length: 8 }, (_, i) => store.resolve(`10.0.1.${i}`)));
    await c.flush();
    store.cancelQueued();
    expect(store.queued).toBe(0);
    expect(store.get('10.0.1.7')).toBeUndefined();
    await c.answerAll();
    await all;
    expect(store.get('10.0.1.0')?.status).toBe('done');
    expect(c.maxInFlight()).toBe(RESOLVE_CONCURRENCY);
  });

  it('a queued automatic lookup is dropped when no cell shows its address any more', async () => {
    const c = controllableApi();
    const store = new DnsResolverStore(c.api);
    const busy = Array.from({ length: RESOLVE_CONCURRENCY }, (_, i) => store.resolve(`10.0.2.${i}`, { bulk: true }));
    const releaseA = store.watch('10.0.3.1');
    const releaseA2 = store.watch('10.0.3.1');
    const releaseB = store.watch('10.0.3.2');
    void store.resolve('10.0.3.1', { bulk: true });
    void store.resolve('10.0.3.2', { bulk: true });
    releaseA();
    expect(store.get('10.0.3.1')?.status).toBe('queued'); // another cell still shows it
    releaseA2();
    releaseB();
    expect(store.get('10.0.3.1')).toBeUndefined();
    expect(store.queued).toBe(0);
    await c.answerAll();
    await Promise.all(busy);
    expect(c.waiting).toHaveLength(0);
  });
});
