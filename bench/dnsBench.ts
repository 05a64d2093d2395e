/**
 * DNS benchmark (issue 4): the resolver service against the tests' DNS server on loopback.
 *   1. One reverse lookup (PTR + forward confirmation + system resolver), cold vs from the cache:
 *      medians and their ratio.
 *   2. 500 distinct addresses resolved four at a time, as "Resolve all visible" does (DNS and the
 *      hosts file, no getnameinfo): time per address, and the event loop's lag meanwhile (median
 *      and worst), which is what "never freezes" means. Then 50 with the system resolver as well
 *      (what a click does), whose getnameinfo calls go two at a time on libuv's thread pool.
 *   3. A silent server with a 300 ms timeout, 20 lookups at once: the median time to the TIMEOUT
 *      answer against the timeout (the bound must hold; ≈1.0 is the goal).
 * Writes bench/results/dns.json.
 */
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/node/files/atomicWrite';
import { DnsService } from '../src/node/dns/dnsService';
import { startDnsServer, TEST_DNS } from '../test/support/dnsServer';
import { median } from './timing';

const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const srv = await startDnsServer();
const results: Record<string, number> = {};
try {
  // 1. cold vs cached reverse lookup
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    const dns = new DnsService({ servers: [srv.address] });
    cold.push(await time(() => dns.reverse(TEST_DNS.confirmed.address)));
    warm.push(await time(() => dns.reverse(TEST_DNS.confirmed.address)));
    dns.close();
  }
  results.reverseColdMedianMs = round(median(cold));
  results.reverseCachedMedianMs = round(median(warm));
  results.cachedToColdRatio = round(median(warm) / median(cold));

  // 2. many addresses, four at a time, and the event loop meanwhile
  const dns = new DnsService({ servers: [srv.address] });
  const addresses = Array.from({ length: 500 }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const total = await time(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < addresses.length) await dns.reverse(addresses[next++]!, { system: false });
      }),
    );
  });
  lag.disable();
  results.bulkResolve500Ms = round(total);
  results.bulkPerAddressMs = round(total / addresses.length);
  const withSystem = await time(async () => {
    let next = 0;
    const some = addresses.map((a) => a.replace(/^198\.51\./, '203.0.')).slice(0, 50);
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < some.length) await dns.reverse(some[next++]!);
      }),
    );
  });
  dns.close();
  results.withSystemPerAddressMs = round(withSystem / 50);
  results.eventLoopLagMedianMs = round(lag.percentile(50) / 1e6);
  results.eventLoopLagMaxMs = round(lag.max / 1e6);

  // 3. the bound on a silent server
  const silent = new DnsService({ servers: [srv.address], timeoutMs: 300 });
  const waits = await Promise.all(
    Array.from({ length: 20 }, (_, i) => time(() => silent.lookup('silent.sockeye.test', [i % 2 ? 'TXT' : 'MX']))),
  );
  silent.close();
  results.silentTimeoutMs = 300;
  results.silentMedianMs = round(median(waits));
  results.silentToTimeoutRatio = round(median(waits) / 300);
} finally {
  await srv.close();
}

for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(24)} ${v}\n`);
await writeFileAtomic(
  resolve(process.cwd(), 'bench/results/dns.json'),
  JSON.stringify({ takenAt: new Date().toISOString(), ...results }, null, 2) + '\n',
);
