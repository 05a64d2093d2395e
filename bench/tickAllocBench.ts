/**
 * What one live tick leaves for the garbage collector, at N = 10,000 loopback connections (~20k
 * sockets): the bytes it allocates (V8's sampling heap profiler, counting objects the collector
 * already freed), the top allocating functions, and then the tick's CPU and its collections
 * over TICK_ROUNDS ticks a second apart, in this process (no serve, no worker, no WebSocket,
 * and no procfs helper thread: from out/bench/ the collector does not find it, so fd links are
 * read on this thread — the same for both builds of an A/B, but not quite serve's split).
 * ADR 0026: a tick allocating a fresh object for each of 20,000 unchanged sockets made most of
 * the collection work of `sockeye serve` (bench/serveLiveBench.ts is the figure issue 13 sets).
 *   BENCH=tickAlloc npm run bench           TICK_N (default 10000), TICK_ROUNDS (default 15)
 */
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { startLoad } from './load/startLoad';
import { SnapshotTaker } from '../src/node/snapshot/snapshotTaker';
import { LiveDeltas } from '../src/node/snapshot/liveDeltas';
import { writeBenchResult } from './results';

const N = Number(process.env.TICK_N ?? 10_000);
const ROUNDS = Number(process.env.TICK_ROUNDS ?? 15);
const SAMPLED_TICKS = 5;

interface HeapNode {
  callFrame: { functionName: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per tick, in total and by function (sampled every 4 KiB, freed objects included). */
async function allocationPerTick(live: LiveDeltas): Promise<{ total: number; top: [string, number][] }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < SAMPLED_TICKS; i++) await live.tick(false);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
  session.disconnect();
  const byFunction = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapNode): void => {
    const name = n.callFrame.functionName || '(anonymous)';
    byFunction.set(name, (byFunction.get(name) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(walk);
  };
  walk(profile.head);
  const top = [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]): [string, number] => [k, v / SAMPLED_TICKS]);
  return { total: total / SAMPLED_TICKS, top };
}

/** CPU (% of a core) and this thread's GC time over ROUNDS ticks, one a second. */
async function tickCpu(live: LiveDeltas): Promise<{ percent: number; gcMsPerSecond: number; tickMs: number }> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let tickMs = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const a = performance.now();
    await live.tick(false);
    tickMs += performance.now() - a;
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - a))));
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  observer.disconnect();
  return { percent: (c.user + c.system) / 1e4 / wall, gcMsPerSecond: gcMs / wall, tickMs: tickMs / ROUNDS };
}

async function main(): Promise<void> {
  const stop = await startLoad(N);
  try {
    const live = new LiveDeltas(new SnapshotTaker('procfs', { socketTable: 'netlink' }));
    await live.tick(true);
    await live.tick(false);
    const alloc = await allocationPerTick(live);
    const cpu = await tickCpu(live);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    process.stdout.write(
      [
        `${N} connections: ${mb(alloc.total)} MB allocated per live tick; top: ${alloc.top.map(([k, v]) => `${k} ${mb(v)}`).join(', ')}`,
        `${ROUNDS} ticks a second apart in this process: ${cpu.percent.toFixed(1)} % of a core, tick ${cpu.tickMs.toFixed(1)} ms, this thread's GC ${cpu.gcMsPerSecond.toFixed(1)} ms/s; load ${loadavg()[0]!.toFixed(2)}`,
        '',
      ].join('\n'),
    );
    writeBenchResult('tickAlloc', { n: N, bytesPerTick: alloc.total, top: alloc.top, ...cpu, load: loadavg()[0] });
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`tickAllocBench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
